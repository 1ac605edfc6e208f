"""Auditing comments' like counts against the likes' rows (`manage.py recount_comment_likes`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction

from .models import Comment, CommentLike

# Each comment whose stored count differs from its rows: (id, stored, actual).
DIFFERENT = """
    SELECT c.id, c.like_count, coalesce(l.n, 0)
      FROM {comments} c
      LEFT JOIN (SELECT comment_id, count(*) AS n FROM {likes} GROUP BY comment_id) l
        ON l.comment_id = c.id
     WHERE c.like_count <> coalesce(l.n, 0)
"""


@dataclass(frozen=True)
class Difference:
    id: int
    stored: int
    actual: int


def like_counts_recompute(*, check: bool = False) -> list[Difference]:
    """Every like count that differs from its rows; unless `check`, set each to the true one."""
    sql = DIFFERENT.format(comments=Comment._meta.db_table, likes=CommentLike._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        # Writers queue behind this lock while the counts are compared and corrected.
        cursor.execute(f"LOCK TABLE {CommentLike._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(sql)
        differences = [Difference(*row) for row in cursor.fetchall()]
        if differences and not check:
            cursor.execute(
                f"UPDATE {Comment._meta.db_table} c SET like_count = d.actual "
                f"FROM ({sql}) AS d (id, stored, actual) WHERE c.id = d.id"
            )
    return differences
