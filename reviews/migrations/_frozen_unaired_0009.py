"""A frozen copy of what migration 0009 runs, as the site's code was when it was written:
reviews.unaired.entries_before_airing_cleared, and what that called, Title.objects.upcoming()
and reviews.stats.stats_recompute (the recount of every title's statistics from the rows, then
the refresh of the weighted scores and ranks). Never edit it to follow those modules.

It reads and writes through the historical models it is given, and plain SQL on the tables as
they were then. Ranked is refreshed by the rule of that time, the position among titles with at
least one score; `refresh_rankings`, which runs every few minutes, applies the site's rule of
the day.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

PLAN_TO_WATCH = "plan_to_watch"
WATCHING = "watching"
COMPLETED = "completed"
VISIBLE = "visible"

HISTOGRAM_BUCKETS = 10  # bucket b holds scores from b to b.5; 10.0 is bucket 10
SUB_SCORES = ["overall", "story", "acting", "music", "rewatch"]
REVIEW_SUMS = [f"{name}_sum" for name in SUB_SCORES]
STORED_FIELDS = [
    "ratings_count",
    "ratings_sum",
    "histogram",
    "watchers",
    "review_count",
    *REVIEW_SUMS,
]
# "Trending this week": ratings and list additions of the last so many days.
TRENDING_DAYS = 7
# The default of the setting then.
RATING_WEIGHT_MIN_VOTES = 100

# The page cache's versions of the pages that show scores and ranks, as it named them then.
# They are forgotten rather than set: the site makes up a new one the next time it asks, in
# whatever form a version has by then, which is the same as a move. The generation goes with
# them, so that running workers read versions afresh (core/versions.py).
RANKED_PAGE_VERSIONS = ["page-version:ratings", "page-version:ranks", "page-version:*"]


def entries_before_airing_cleared(apps: Any) -> dict[str, int]:
    """Make every stored row follow the rules, and say how many it changed:
    - on a title that has not aired, entries become plain plans (no score, episodes or dates)
      and reviews are deleted;
    - an entry of an aired title planned with a score becomes Completed (Watching when fewer
      than all episodes were seen), so the member's score is kept.
    The statistics and ranks are recomputed afterwards when anything changed."""
    Title = apps.get_model("titles", "Title")
    ListEntry = apps.get_model("reviews", "ListEntry")
    Review = apps.get_model("reviews", "Review")
    with transaction.atomic():
        today = timezone.localdate()
        upcoming = Title.objects.filter(
            Q(aired_from__gt=today) | Q(aired_from__isnull=True, year__gte=today.year)
        )
        entries = ListEntry.objects.filter(title__in=upcoming).exclude(
            status=PLAN_TO_WATCH,
            score=None,
            episodes_seen=0,
            started_on=None,
            finished_on=None,
        )
        reviews = Review.objects.filter(title__in=upcoming)
        titles = set(entries.values_list("title_id", flat=True))
        titles |= set(reviews.values_list("title_id", flat=True))
        deleted_reviews = reviews.count()
        reviews.delete()
        cleared = entries.update(
            status=PLAN_TO_WATCH,
            score=None,
            episodes_seen=0,
            started_on=None,
            finished_on=None,
        )
        scored_plans = ListEntry.objects.filter(status=PLAN_TO_WATCH).exclude(score=None)
        watching = Q(title__episodes__gt=F("episodes_seen"), episodes_seen__gt=0)
        moved = scored_plans.filter(watching).update(status=WATCHING)
        moved += scored_plans.update(status=COMPLETED)
        if cleared or deleted_reviews or moved:
            stats_recompute(apps)
    return {
        "titles": len(titles),
        "entries": cleared,
        "reviews": deleted_reviews,
        "scored plans": moved,
    }


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
    def of(cls, stats: Any) -> Aggregates:
        values = {field: getattr(stats, field) for field in STORED_FIELDS}
        values["histogram"] = tuple(stats.histogram)
        return cls(**values)


def aggregates_from_rows(apps: Any) -> dict[int, Aggregates]:
    """Every title's numbers computed from the rows themselves: two GROUP BY queries."""
    ListEntry = apps.get_model("reviews", "ListEntry")
    Review = apps.get_model("reviews", "Review")
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
        Review.objects.filter(state=VISIBLE)
        .order_by()
        .values("title_id")
        .annotate(n=Count("id"), **{f"{name}_sum": Sum(name) for name in SUB_SCORES})
    )
    for row in reviews.iterator(chunk_size=5000):
        title_values = values.setdefault(row["title_id"], {})
        title_values["review_count"] = row["n"]
        title_values.update({field: row[field] for field in REVIEW_SUMS})
    return {title_id: Aggregates(**fields) for title_id, fields in values.items()}


def stats_recompute(apps: Any) -> None:
    """Compare every stored statistics row with the rows and correct it, then refresh the
    rankings."""
    TitleStats = apps.get_model("reviews", "TitleStats")
    with transaction.atomic():
        stored_rows = {row.title_id: row for row in TitleStats.objects.select_for_update()}
        actual = aggregates_from_rows(apps)
        changed = []
        created = []
        for title_id in sorted(stored_rows.keys() | actual.keys()):
            stored = stored_rows.get(title_id)
            real = actual.get(title_id, Aggregates())
            if (Aggregates.of(stored) if stored else Aggregates()) == real:
                continue
            stats = stored or TitleStats(title_id=title_id)
            for field in STORED_FIELDS:
                setattr(stats, field, getattr(real, field))
            stats.histogram = list(real.histogram)
            (changed if stored else created).append(stats)
        TitleStats.objects.bulk_update(changed, STORED_FIELDS, batch_size=2000)
        TitleStats.objects.bulk_create(
            created,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["title"],
            update_fields=STORED_FIELDS,
        )
    rankings_refresh()


def rankings_refresh() -> None:
    """Recompute every title's weighted score, rank, trending count and popularity in four
    statements; when any row changed, forget the versions of the pages that show them."""
    m = getattr(settings, "RATING_WEIGHT_MIN_VOTES", RATING_WEIGHT_MIN_VOTES)
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
              FROM (SELECT s2.title_id, CASE WHEN s2.ratings_count = 0 THEN NULL ELSE
                           row_number() OVER (ORDER BY s2.ratings_count = 0,
                                              s2.weighted_score DESC, s2.title_id) END AS position
                      FROM reviews_titlestats AS s2) AS r
             WHERE r.title_id = s.title_id AND s.rank IS DISTINCT FROM r.position
            """
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
            cache.delete_many(RANKED_PAGE_VERSIONS)
            transaction.on_commit(lambda: cache.delete_many(RANKED_PAGE_VERSIONS))
