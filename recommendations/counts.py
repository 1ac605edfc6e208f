"""Check the stored counters against the rows they count, and correct them if asked.

The services keep every counter true as they write; this is the audit (and the repair after
something bypassed them, such as a title deleted in the admin, whose recommendations go with it
while the other titles' counts stay).

A recommendation's stored reasons count is of its visible reasons: hidden ones stay out of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction


@dataclass(frozen=True)
class Difference:
    what: str
    id: int
    stored: int
    actual: int


RECOMMENDATION_COUNTS = """
    SELECT r.id, r.votes_count, r.reasons_count,
           (SELECT count(*) FROM recommendations_recommendationvote v
             WHERE v.recommendation_id = r.id),
           (SELECT count(*) FROM recommendations_recommendationreason x
             WHERE x.recommendation_id = r.id AND x.state = 'visible')
      FROM recommendations_recommendation r
"""

TITLE_COUNTS = """
    SELECT coalesce(c.title_id, a.title_id), coalesce(c.count, 0), coalesce(a.n, 0)
      FROM recommendations_titlerecommendationcount c
      FULL JOIN (SELECT title_id, count(*) AS n
                   FROM (SELECT title_low_id AS title_id FROM recommendations_recommendation
                         UNION ALL
                         SELECT title_high_id FROM recommendations_recommendation) AS sides
                  GROUP BY title_id) AS a ON a.title_id = c.title_id
"""


def recommendation_counts_recompute(*, check: bool = False) -> list[Difference]:
    """Every counter that differs from its rows; unless `check`, set each to the true value."""
    with transaction.atomic(), connection.cursor() as cursor:
        # Writers queue behind this lock while the counters are compared and corrected.
        cursor.execute(
            "LOCK TABLE recommendations_recommendation, recommendations_titlerecommendationcount "
            "IN SHARE ROW EXCLUSIVE MODE"
        )
        differences = []
        cursor.execute(RECOMMENDATION_COUNTS)
        for pk, votes, reasons, actual_votes, actual_reasons in cursor.fetchall():
            if votes != actual_votes:
                differences.append(Difference("votes", pk, votes, actual_votes))
            if reasons != actual_reasons:
                differences.append(Difference("reasons", pk, reasons, actual_reasons))
        cursor.execute(TITLE_COUNTS)
        differences += [
            Difference("title", title_id, stored, actual)
            for title_id, stored, actual in cursor.fetchall()
            if stored != actual
        ]
        if not check and differences:
            _correct(cursor)
    return differences


def _correct(cursor) -> None:
    cursor.execute(
        f"""
        UPDATE recommendations_recommendation AS r
           SET votes_count = t.actual_votes, reasons_count = t.actual_reasons
          FROM ({RECOMMENDATION_COUNTS}) AS t (id, votes, reasons, actual_votes, actual_reasons)
         WHERE t.id = r.id AND (t.votes, t.reasons) <> (t.actual_votes, t.actual_reasons)
        """
    )
    cursor.execute(
        f"""
        INSERT INTO recommendations_titlerecommendationcount (title_id, count)
        SELECT title_id, actual FROM ({TITLE_COUNTS}) AS t (title_id, stored, actual)
         WHERE stored <> actual
        ON CONFLICT (title_id) DO UPDATE SET count = excluded.count
        """
    )
