"""A title's stored statistics: how they change, how they are rebuilt, how ranks are set."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Count, FloatField, Func, Q, Sum
from django.db.models.sql.compiler import SQLCompiler

from core.counters import locked_row
from core.versions import RANKS, RATINGS, REVIEWS, pages_changed, title_version

from .models import HISTOGRAM_BUCKETS, ListEntry, Review, TitleStats, scores_to_be_ranked
from .scores import SUB_SCORES

REVIEW_SUMS = [f"{name}_sum" for name, _ in SUB_SCORES]
STORED_FIELDS = [
    "ratings_count",
    "ratings_sum",
    "histogram",
    "watchers",
    "review_count",
    *REVIEW_SUMS,
]


def bucket_of(score: Decimal) -> int:
    """Index in the histogram: 1.0-1.5 → 0, ..., 9.0-9.5 → 8, 10.0 → 9."""
    return min(int(score), HISTOGRAM_BUCKETS) - 1


def stats_for_update(title_id: int) -> TitleStats:
    """The title's statistics row, created if missing, locked until the transaction ends.

    Every writer locks this row first, so concurrent writers on one title queue up
    here instead of losing each other's changes. Writers move the versions of the title's
    pages once the lock is held (reviews/services.py), since a write that waits for it has
    changed nothing yet.
    """
    return locked_row(TitleStats, title_id=title_id)


def apply_review_change(stats: TitleStats, old: Review | None, new: Review | None) -> None:
    """Move the title's review count and sub-score sums from `old` to `new` (either may be None).

    Only visible reviews count: a review that a moderator hid is in none of the numbers.
    """
    for review, sign in ((old, -1), (new, 1)):
        if review is None or not review.is_visible:
            continue
        stats.review_count += sign
        for name, _ in SUB_SCORES:
            field = f"{name}_sum"
            setattr(stats, field, getattr(stats, field) + sign * getattr(review, name))


def counted_copy(review: Review) -> Review:
    """What the title's statistics hold of `review` (its sub-scores, and whether it counts at
    all), kept aside before the review changes: the `old` of `apply_review_change`."""
    return Review(state=review.state, **{name: getattr(review, name) for name, _ in SUB_SCORES})


def apply_score_change(stats: TitleStats, old: Decimal | None, new: Decimal | None) -> None:
    if old is not None:
        stats.ratings_count -= 1
        stats.ratings_sum -= old
        stats.histogram[bucket_of(old)] -= 1
    if new is not None:
        stats.ratings_count += 1
        stats.ratings_sum += new
        stats.histogram[bucket_of(new)] += 1


@dataclass(frozen=True)
class Aggregates:
    ratings_count: int = 0
    ratings_sum: Decimal = Decimal(0)
    histogram: tuple[int, ...] = (0,) * HISTOGRAM_BUCKETS
    watchers: int = 0
    review_count: int = 0
    overall_sum: Decimal = Decimal(0)
    story_sum: Decimal = Decimal(0)
    acting_sum: Decimal = Decimal(0)
    music_sum: Decimal = Decimal(0)
    rewatch_sum: Decimal = Decimal(0)

    @classmethod
    def of(cls, stats: TitleStats) -> Aggregates:
        values = {field: getattr(stats, field) for field in STORED_FIELDS}
        values["histogram"] = tuple(stats.histogram)
        return cls(**values)


def aggregates_from_rows() -> dict[int, Aggregates]:
    """Every title's numbers computed from the rows themselves: two GROUP BY queries."""
    buckets = {
        f"h{b}": Count("id", filter=Q(score__gte=b, score__lt=b + 1))
        for b in range(1, HISTOGRAM_BUCKETS)
    }
    buckets[f"h{HISTOGRAM_BUCKETS}"] = Count("id", filter=Q(score__gte=HISTOGRAM_BUCKETS))
    entries = (
        ListEntry.objects.order_by()
        .values("title_id")
        .annotate(watchers=Count("id"), n=Count("score"), total=Sum("score"), **buckets)
    )
    values: dict[int, dict] = {}
    for row in entries.iterator(chunk_size=5000):
        values[row["title_id"]] = {
            "ratings_count": row["n"],
            "ratings_sum": row["total"] or Decimal(0),
            "histogram": tuple(row[f"h{b}"] for b in range(1, HISTOGRAM_BUCKETS + 1)),
            "watchers": row["watchers"],
        }
    reviews = (
        Review.objects.visible()
        .order_by()
        .values("title_id")
        .annotate(n=Count("id"), **{f"{name}_sum": Sum(name) for name, _ in SUB_SCORES})
    )
    for row in reviews.iterator(chunk_size=5000):
        title_values = values.setdefault(row["title_id"], {})
        title_values["review_count"] = row["n"]
        title_values.update({field: row[field] for field in REVIEW_SUMS})
    return {title_id: Aggregates(**fields) for title_id, fields in values.items()}


@dataclass(frozen=True)
class Difference:
    title_id: int
    stored: Aggregates
    actual: Aggregates


@contextmanager
def _snapshot(check: bool) -> Iterator[None]:
    """Read the stored numbers and the rows behind them from one snapshot of the database.

    A check takes no locks (so it never holds up writers) and, reading one snapshot, still
    sees each write either whole or not at all. A correction locks the rows it rewrites.
    """
    if check and not connection.in_atomic_block:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield
    else:
        yield


def stats_recompute(*, check: bool = False) -> list[Difference]:
    """Compare every stored statistics row with the rows; unless `check`, correct them."""
    with _snapshot(check), transaction.atomic():
        rows = TitleStats.objects.all() if check else TitleStats.objects.select_for_update()
        stored_rows = {row.title_id: row for row in rows}
        actual = aggregates_from_rows()
        differences = []
        for title_id in sorted(stored_rows.keys() | actual.keys()):
            stored = stored_rows.get(title_id)
            stored_aggregates = Aggregates.of(stored) if stored else Aggregates()
            real = actual.get(title_id, Aggregates())
            if stored_aggregates != real:
                differences.append(Difference(title_id, stored_aggregates, real))
        if not check and differences:
            _write(differences, stored_rows)
            changed = [d.title_id for d in differences]
            pages_changed(*[title_version(pk, aspect) for pk in changed
                            for aspect in ("ratings", "reviews")], RATINGS, REVIEWS)  # fmt: skip
    if not check:
        rankings_refresh()
    return differences


def _write(differences: list[Difference], stored_rows: dict[int, TitleStats]) -> None:
    changed: list[TitleStats] = []
    created: list[TitleStats] = []
    for difference in differences:
        stats = stored_rows.get(difference.title_id) or TitleStats(title_id=difference.title_id)
        for field in STORED_FIELDS:
            setattr(stats, field, getattr(difference.actual, field))
        stats.histogram = list(difference.actual.histogram)
        (changed if difference.title_id in stored_rows else created).append(stats)
    TitleStats.objects.bulk_update(changed, STORED_FIELDS, batch_size=2000)
    # A writer may create a title's first row meanwhile; its numbers are in the recount too.
    TitleStats.objects.bulk_create(
        created,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["title"],
        update_fields=STORED_FIELDS,
    )


def weighted_score(mean: float, count: int, overall_mean: float, m: int) -> float:
    """WR = v/(v+m)·R + m/(v+m)·C."""
    return count / (count + m) * mean + m / (count + m) * overall_mean


# "Trending this week": ratings and list additions of the last so many days.
TRENDING_DAYS = 7


def rankings_refresh() -> int:
    """Recompute every title's weighted score, rank, trending count and popularity in four
    statements.

    Ranked is the position by weighted score among titles scored by at least TOP_MIN_RATINGS
    members (the others are not ranked, so the title page's #N is its place on /top/);
    Popularity is the position by the number of users with the title on a list. Returns how
    many rows changed; when any did, the pages that show ranks are made afresh.
    """
    m = settings.RATING_WEIGHT_MIN_VOTES
    changed = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE reviews_titlestats AS s
               SET weighted_score = w.score
              FROM (SELECT s2.title_id, CASE WHEN s2.ratings_count = 0 THEN NULL ELSE
                           s2.ratings_count::float / (s2.ratings_count + %(m)s)
                             * (s2.ratings_sum::float / s2.ratings_count)
                           + %(m)s::float / (s2.ratings_count + %(m)s) * c.mean END AS score
                      FROM reviews_titlestats AS s2,
                           (SELECT coalesce(avg(ratings_sum::float / ratings_count), 0) AS mean
                              FROM reviews_titlestats WHERE ratings_count > 0) AS c) AS w
             WHERE w.title_id = s.title_id AND s.weighted_score IS DISTINCT FROM w.score
            """,
            {"m": m},
        )
        changed += cursor.rowcount
        cursor.execute(
            """
            UPDATE reviews_titlestats AS s
               SET rank = r.position
              FROM (SELECT s2.title_id, CASE WHEN s2.ratings_count < %(least)s THEN NULL ELSE
                           row_number() OVER (ORDER BY s2.ratings_count < %(least)s,
                                              s2.weighted_score DESC, s2.title_id) END AS position
                      FROM reviews_titlestats AS s2) AS r
             WHERE r.title_id = s.title_id AND s.rank IS DISTINCT FROM r.position
            """,
            {"least": scores_to_be_ranked()},
        )
        changed += cursor.rowcount
        cursor.execute(
            """
            UPDATE reviews_titlestats AS s
               SET trending = coalesce(recent.n, 0)
              FROM reviews_titlestats AS s2
              LEFT JOIN (SELECT title_id, count(*) AS n FROM reviews_listentry
                          WHERE updated_at >= now() - make_interval(days => %(days)s)
                          GROUP BY title_id) AS recent ON recent.title_id = s2.title_id
             WHERE s2.title_id = s.title_id AND s.trending IS DISTINCT FROM coalesce(recent.n, 0)
            """,
            {"days": TRENDING_DAYS},
        )
        changed += cursor.rowcount
        cursor.execute(
            """
            UPDATE reviews_titlestats AS s
               SET popularity = r.position
              FROM (SELECT title_id, CASE WHEN watchers = 0 THEN NULL ELSE
                           row_number() OVER (ORDER BY watchers = 0, watchers DESC, title_id)
                           END AS position
                      FROM reviews_titlestats) AS r
             WHERE r.title_id = s.title_id AND s.popularity IS DISTINCT FROM r.position
            """
        )
        changed += cursor.rowcount
        if changed:
            pages_changed(RATINGS, RANKS)
    return changed


def wilson_sql(yes: str, total: str, z: float = 1.96) -> str:
    """SQL for the lower bound of the Wilson score interval of `yes` out of `total` (95%).

    A review with 1 of 1 helpful votes should not outrank one with 90 of 100: the bound is
    low while there are few votes and approaches the real share as votes come in.
    """
    n = f"(nullif({total}, 0)::float)"
    p = f"(({yes})::float / {n})"
    z2 = z * z
    return (
        f"coalesce(({p} + {z2 / 2} / {n} - {z} * sqrt(({p} * (1 - {p}) + "
        f"{z2 / 4} / {n}) / {n})) / (1 + {z2} / {n}), 0.0)"
    )


class WilsonLowerBound(Func):
    """`wilson_sql` as an expression, for the vote service's UPDATE."""

    output_field = FloatField()

    def __init__(self, yes, total) -> None:
        super().__init__(yes, total)

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, list[str | int]]:
        (yes, yes_params), (total, total_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        if yes_params or total_params:
            # Each operand appears several times in the SQL; columns and F() have no parameters.
            raise ValueError("WilsonLowerBound takes columns or F() expressions only")
        return wilson_sql(yes, total), []


@dataclass(frozen=True)
class VoteDifference:
    review_id: int
    stored: tuple[int, int]
    actual: tuple[int, int]


VOTE_TOTALS = """
    SELECT review_id, count(*) FILTER (WHERE helpful) AS yes, count(*) AS total
      FROM reviews_reviewvote GROUP BY review_id
"""


def helpfulness_recompute(*, check: bool = False) -> list[VoteDifference]:
    """Compare each review's stored helpful counts with its votes; unless `check`, correct them.

    One query finds the reviews whose counts differ, locking them against voters; one
    statement corrects their counts and helpfulness bound.
    """
    drifted = f"""
        SELECT r.id, r.helpful_yes, r.helpful_total,
               coalesce(v.yes, 0) AS yes, coalesce(v.total, 0) AS total
          FROM reviews_review r LEFT JOIN ({VOTE_TOTALS}) v ON v.review_id = r.id
         WHERE (r.helpful_yes, r.helpful_total)
               IS DISTINCT FROM (coalesce(v.yes, 0), coalesce(v.total, 0))
    """
    with _snapshot(check), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(drifted if check else f"{drifted} FOR UPDATE OF r")
        differences = [
            VoteDifference(review_id, (yes, total), (real_yes, real_total))
            for review_id, yes, total, real_yes, real_total in cursor.fetchall()
        ]
        if differences and not check:
            cursor.execute(
                f"""
                UPDATE reviews_review r
                   SET helpful_yes = d.yes, helpful_total = d.total,
                       helpful_lower_bound = {wilson_sql("d.yes", "d.total")}
                  FROM ({drifted}) d
                 WHERE d.id = r.id
                """
            )
    return differences
