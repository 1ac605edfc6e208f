"""A title's stored statistics: how they change, how they are rebuilt, how ranks are set."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q, Sum

from .models import HISTOGRAM_BUCKETS, ListEntry, TitleStats


def bucket_of(score: Decimal) -> int:
    """Index in the histogram: 1.0-1.5 → 0, ..., 9.0-9.5 → 8, 10.0 → 9."""
    return min(int(score), HISTOGRAM_BUCKETS) - 1


def stats_for_update(title_id: int) -> TitleStats:
    """The title's statistics row, created if missing, locked until the transaction ends.

    Every writer locks this row first, so concurrent writers on one title queue up
    here instead of losing each other's changes.
    """
    TitleStats.objects.bulk_create([TitleStats(title_id=title_id)], ignore_conflicts=True)
    return TitleStats.objects.select_for_update().get(title_id=title_id)


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

    @classmethod
    def of(cls, stats: TitleStats) -> Aggregates:
        return cls(
            stats.ratings_count, Decimal(stats.ratings_sum), tuple(stats.histogram), stats.watchers
        )


def aggregates_from_rows() -> dict[int, Aggregates]:
    """Every title's numbers computed from the list entries themselves: one GROUP BY."""
    buckets = {
        f"h{b}": Count("id", filter=Q(score__gte=b, score__lt=b + 1))
        for b in range(1, HISTOGRAM_BUCKETS)
    }
    buckets[f"h{HISTOGRAM_BUCKETS}"] = Count("id", filter=Q(score__gte=HISTOGRAM_BUCKETS))
    rows = (
        ListEntry.objects.order_by()
        .values("title_id")
        .annotate(watchers=Count("id"), n=Count("score"), total=Sum("score"), **buckets)
    )
    return {
        row["title_id"]: Aggregates(
            ratings_count=row["n"],
            ratings_sum=row["total"] or Decimal(0),
            histogram=tuple(row[f"h{b}"] for b in range(1, HISTOGRAM_BUCKETS + 1)),
            watchers=row["watchers"],
        )
        for row in rows.iterator(chunk_size=5000)
    }


@dataclass(frozen=True)
class Difference:
    title_id: int
    stored: Aggregates
    actual: Aggregates


def stats_recompute(*, check: bool = False) -> list[Difference]:
    """Compare every stored statistics row with the rows; unless `check`, correct them."""
    with transaction.atomic():
        # Lock out writers while comparing, so a write in flight is not reported as drift.
        stored_rows = {s.title_id: s for s in TitleStats.objects.select_for_update()}
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
    if not check:
        rankings_refresh()
    return differences


def _write(differences: list[Difference], stored_rows: dict[int, TitleStats]) -> None:
    changed, created = [], []
    for difference in differences:
        stats = stored_rows.get(difference.title_id) or TitleStats(title_id=difference.title_id)
        stats.ratings_count = difference.actual.ratings_count
        stats.ratings_sum = difference.actual.ratings_sum
        stats.histogram = list(difference.actual.histogram)
        stats.watchers = difference.actual.watchers
        (changed if difference.title_id in stored_rows else created).append(stats)
    fields = ["ratings_count", "ratings_sum", "histogram", "watchers"]
    TitleStats.objects.bulk_update(changed, fields, batch_size=2000)
    TitleStats.objects.bulk_create(created, batch_size=2000)


def weighted_score(mean: float, count: int, overall_mean: float, m: int) -> float:
    """WR = v/(v+m)·R + m/(v+m)·C."""
    return count / (count + m) * mean + m / (count + m) * overall_mean


def rankings_refresh() -> None:
    """Recompute every title's weighted score, rank and popularity in three statements.

    Ranked is the position by weighted score among titles with at least one score;
    Popularity is the position by the number of users with the title on a list.
    """
    m = settings.RATING_WEIGHT_MIN_VOTES
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE reviews_titlestats AS s
               SET weighted_score = CASE WHEN s.ratings_count = 0 THEN NULL ELSE
                   s.ratings_count::float / (s.ratings_count + %(m)s)
                     * (s.ratings_sum::float / s.ratings_count)
                   + %(m)s::float / (s.ratings_count + %(m)s) * c.mean END
              FROM (SELECT coalesce(avg(ratings_sum::float / ratings_count), 0) AS mean
                      FROM reviews_titlestats WHERE ratings_count > 0) AS c
            """,
            {"m": m},
        )
        cursor.execute(
            """
            UPDATE reviews_titlestats AS s
               SET rank = r.position
              FROM (SELECT s2.title_id, CASE WHEN s2.ratings_count = 0 THEN NULL ELSE
                           row_number() OVER (ORDER BY s2.ratings_count = 0,
                                              s2.weighted_score DESC, s2.title_id) END AS position
                      FROM reviews_titlestats AS s2) AS r
             WHERE r.title_id = s.title_id AND s.rank IS DISTINCT FROM r.position
            """
        )
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
