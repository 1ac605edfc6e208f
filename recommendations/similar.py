"""Similar titles, computed from what users score highly: "People who liked this also liked".

The method (item-to-item co-occurrence of likes, normalised by cosine), also published on
/help/recommendations/:

1. A *like* is a list entry with a score of at least SIMILAR_LIKED_SCORE (8.0); the reviews
   app offers them as `reviews.selectors.likes`.
2. Each user counts with at most SIMILAR_LIKES_PER_USER likes: their best-scored titles, the
   most recently updated first among equal scores. A user with n likes yields n·(n-1) ordered
   pairs of titles, so without a cap one member with 3,000 likes would add nine million pairs,
   more than a hundred thousand ordinary users together. The cap bounds the whole computation
   by users × N², and stops people who like nearly everything from deciding for everyone.
3. For each pair of titles (A, B), co-likers = the users who like both.
4. score = co-likers / √(likers(A) × likers(B)), the cosine similarity of the two titles' sets
   of likers: 1 when exactly the same people like both, near 0 when they share few compared
   with their audiences. Unlike a raw count it does not pair everything with the most popular
   titles.
5. Pairs with fewer than SIMILAR_MIN_CO_LIKERS co-likers are too thin to trust and are dropped;
   each title keeps its SIMILAR_TITLES_KEPT best (rank 1 first; ties go to more co-likers,
   then to the lower title id, so a rerun on the same data gives the same table).

All of it is set-based SQL run by PostgreSQL, in temporary tables on one connection: the likes,
then the pairs a slice of titles at a time (each slice's self-join and GROUP BY fit in memory,
and the slices give the command its progress display), then one short transaction that swaps
the new rows in. Pages keep reading the previous rows until that transaction commits.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from time import monotonic

from django.conf import settings
from django.db import connection, transaction

from core.versions import SIMILAR, pages_changed
from reviews import selectors as reviews_selectors

# Ordered pairs per slice: about this many rows go through one slice's GROUP BY.
PAIRS_PER_SLICE = 20_000_000
# Memory for one sort or hash in these statements; the defaults (4 MB) would spill to disk.
WORK_MEM = "256MB"

TEMP_TABLES = ["similar_liked", "similar_likers", "similar_new"]


@dataclass(frozen=True)
class SimilarResult:
    likes: int
    users: int
    pairs: int
    slices: int
    rows: int
    titles: int
    seconds: float


def _scalar(cursor, sql: str, params: dict | None = None) -> int:
    cursor.execute(sql, params or {})
    return int(cursor.fetchone()[0] or 0)


def _drop_temp_tables(cursor) -> None:
    for name in TEMP_TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{name}")


def similar_titles_compute(*, progress: Callable[[str], None] | None = None) -> SimilarResult:
    """Rebuild the SimilarTitle table from the list entries."""
    say = progress or (lambda message: None)
    started = monotonic()
    params = {
        "liked": settings.SIMILAR_LIKED_SCORE,
        "cap": settings.SIMILAR_LIKES_PER_USER,
        "min_co": settings.SIMILAR_MIN_CO_LIKERS,
        "kept": settings.SIMILAR_TITLES_KEPT,
    }
    with connection.cursor() as cursor:
        cursor.execute("SET work_mem = %s", [WORK_MEM])
        try:
            _drop_temp_tables(cursor)
            likes, users, pairs = _collect_likes(cursor, params, say)
            slices = max(1, math.ceil(pairs / PAIRS_PER_SLICE))
            _pairs_by_slice(cursor, params, slices, say)
            rows, titles = _swap_in(cursor, say)
        finally:
            _drop_temp_tables(cursor)
            cursor.execute("RESET work_mem")
    pages_changed(SIMILAR)
    return SimilarResult(likes, users, pairs, slices, rows, titles, monotonic() - started)


def _collect_likes(cursor, params: dict, say: Callable[[str], None]) -> tuple[int, int, int]:
    step = monotonic()
    # The likes come from the reviews app, which owns the list entries.
    likes_sql, likes_params = reviews_selectors.likes(
        min_score=params["liked"], per_user=params["cap"]
    ).query.sql_with_params()
    cursor.execute(f"CREATE TEMPORARY TABLE similar_liked AS {likes_sql}", likes_params)
    cursor.execute("CREATE INDEX ON similar_liked (user_id)")
    cursor.execute("ANALYZE similar_liked")
    cursor.execute(
        """
        CREATE TEMPORARY TABLE similar_likers AS
        SELECT title_id, count(*) AS likers FROM similar_liked GROUP BY title_id
        """
    )
    cursor.execute("ALTER TABLE similar_likers ADD PRIMARY KEY (title_id)")
    cursor.execute("ANALYZE similar_likers")
    cursor.execute(
        """
        SELECT coalesce(sum(n), 0), count(*), coalesce(sum(n * (n - 1)), 0)
          FROM (SELECT count(*)::bigint AS n FROM similar_liked GROUP BY user_id) AS per_user
        """
    )
    likes, users, pairs = (int(value) for value in cursor.fetchone())
    say(
        f"likes: {likes:,} from {users:,} users (score ≥ {params['liked']}, at most "
        f"{params['cap']} per user), {pairs:,} ordered pairs to count "
        f"({monotonic() - step:.1f}s)"
    )
    return likes, users, pairs


def _pairs_by_slice(cursor, params: dict, slices: int, say: Callable[[str], None]) -> None:
    cursor.execute(
        """
        CREATE TEMPORARY TABLE similar_new (
            title_id bigint NOT NULL,
            similar_id bigint NOT NULL,
            score double precision NOT NULL,
            co_likers integer NOT NULL,
            rank smallint NOT NULL
        )
        """
    )
    for number in range(slices):
        step = monotonic()
        # One slice of titles (by id modulo the number of slices) against every like.
        cursor.execute(
            """
            INSERT INTO similar_new (title_id, similar_id, score, co_likers, rank)
            SELECT title_id, similar_id, score, co_likers, rank
              FROM (SELECT pairs.title_id, pairs.similar_id, pairs.co_likers, scored.score,
                           row_number() OVER (PARTITION BY pairs.title_id
                                              ORDER BY scored.score DESC, pairs.co_likers DESC,
                                                       pairs.similar_id) AS rank
                      FROM (SELECT a.title_id, b.title_id AS similar_id,
                                   count(*) AS co_likers
                              FROM similar_liked AS a
                              JOIN similar_liked AS b
                                ON b.user_id = a.user_id AND b.title_id <> a.title_id
                             WHERE a.title_id %% %(slices)s = %(slice)s
                             GROUP BY a.title_id, b.title_id
                            HAVING count(*) >= %(min_co)s) AS pairs
                      JOIN similar_likers AS la ON la.title_id = pairs.title_id
                      JOIN similar_likers AS lb ON lb.title_id = pairs.similar_id
                     CROSS JOIN LATERAL (
                           SELECT pairs.co_likers / sqrt(la.likers::float8 * lb.likers) AS score
                     ) AS scored) AS ranked
             WHERE rank <= %(kept)s
            """,
            {**params, "slices": slices, "slice": number},
        )
        say(
            f"pairs: slice {number + 1}/{slices}, {cursor.rowcount:,} similar titles kept "
            f"({monotonic() - step:.1f}s)"
        )


def _swap_in(cursor, say: Callable[[str], None]) -> tuple[int, int]:
    step = monotonic()
    with transaction.atomic():
        # Self-exclusive but not against readers: a second run waits here, pages do not.
        cursor.execute("LOCK TABLE recommendations_similartitle IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute("DELETE FROM recommendations_similartitle")
        cursor.execute(
            """
            INSERT INTO recommendations_similartitle (title_id, similar_id, score, co_likers, rank)
            SELECT title_id, similar_id, score, co_likers, rank
              FROM similar_new
             ORDER BY title_id, rank
            """
        )
        rows = cursor.rowcount
    titles = _scalar(cursor, "SELECT count(DISTINCT title_id) FROM similar_new")
    say(f"stored: {rows:,} rows for {titles:,} titles ({monotonic() - step:.1f}s)")
    return rows, titles
