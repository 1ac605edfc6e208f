"""Check the stored favorite counts against the rows they count, and correct them if asked
(the services keep them true as they write; this is the audit, as for recommendations)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction


@dataclass(frozen=True)
class Difference:
    what: str
    id: int
    stored: int
    actual: int


# (what, count table, its key, favorites table): each count beside the rows it counts.
COUNTED = [
    ("title", "lists_titlefavoritecount", "title_id", "lists_favoritetitle"),
    ("person", "lists_personfavoritecount", "person_id", "lists_favoriteperson"),
]


def _compare(count_table: str, key: str, rows_table: str) -> str:
    return f"""
        SELECT coalesce(c.{key}, a.{key}), coalesce(c.count, 0), coalesce(a.n, 0)
          FROM {count_table} c
          FULL JOIN (SELECT {key}, count(*) AS n FROM {rows_table} GROUP BY {key}) AS a
            ON a.{key} = c.{key}
         WHERE coalesce(c.count, 0) <> coalesce(a.n, 0)
    """


def favorite_counts_recompute(*, check: bool = False) -> list[Difference]:
    """Every count that differs from its rows; unless `check`, set each to the true value."""
    differences = []
    with transaction.atomic(), connection.cursor() as cursor:
        tables = ", ".join(name for _, counts, _, rows in COUNTED for name in (counts, rows))
        # Writers queue behind this lock while the counts are compared and corrected.
        cursor.execute(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE")
        for what, count_table, key, rows_table in COUNTED:
            cursor.execute(_compare(count_table, key, rows_table))
            found = [Difference(what, *row) for row in cursor.fetchall()]
            differences += found
            if found and not check:
                cursor.execute(
                    f"""
                    INSERT INTO {count_table} ({key}, count)
                    SELECT id, actual FROM ({_compare(count_table, key, rows_table)})
                        AS t (id, stored, actual)
                    ON CONFLICT ({key}) DO UPDATE SET count = excluded.count
                    """
                )
    return differences
