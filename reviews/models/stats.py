"""Each title's stored statistics, kept true by reviews/services.py."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q

from titles.models import Title

from ..scores import SUB_SCORES

HISTOGRAM_BUCKETS = 10  # bucket b holds scores from b to b.5; 10.0 is bucket 10


def empty_histogram() -> list[int]:
    return [0] * HISTOGRAM_BUCKETS


def scores_to_be_ranked() -> int:
    """How many scores a title needs to be ranked (reviews.stats.rankings_refresh)."""
    return max(settings.TOP_MIN_RATINGS, 1)


class TitleStats(models.Model):
    """A title's numbers, one row per title.

    Counts, sums, the histogram and watchers are exact: the services in
    reviews/services.py change them in the same transaction as the rows they
    summarise, under a lock on this row. The weighted score and the two ranks
    depend on every title at once, so `refresh_rankings` recomputes them as a
    snapshot (see the help page).
    """

    title = models.OneToOneField(
        Title, on_delete=models.CASCADE, primary_key=True, related_name="stats"
    )
    ratings_count = models.PositiveIntegerField(default=0)
    ratings_sum = models.DecimalField(max_digits=12, decimal_places=1, default=Decimal(0))
    histogram = ArrayField(
        models.PositiveIntegerField(), size=HISTOGRAM_BUCKETS, default=empty_histogram
    )
    watchers = models.PositiveIntegerField(default=0)
    # Reviews: their number and the sums behind the average of each sub-score.
    review_count = models.PositiveIntegerField(default=0)
    overall_sum = models.DecimalField(max_digits=12, decimal_places=1, default=Decimal(0))
    story_sum = models.DecimalField(max_digits=12, decimal_places=1, default=Decimal(0))
    acting_sum = models.DecimalField(max_digits=12, decimal_places=1, default=Decimal(0))
    music_sum = models.DecimalField(max_digits=12, decimal_places=1, default=Decimal(0))
    rewatch_sum = models.DecimalField(max_digits=12, decimal_places=1, default=Decimal(0))
    weighted_score = models.FloatField(null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)
    popularity = models.PositiveIntegerField(null=True, blank=True)
    # Ratings and list additions in the last TRENDING_DAYS, as of the last refresh_rankings.
    trending = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "title statistics"
        constraints = [
            models.CheckConstraint(
                name="titlestats_sum_within_count",
                condition=Q(ratings_sum__gte=models.F("ratings_count"))
                & Q(ratings_sum__lte=models.F("ratings_count") * 10),
            ),
        ]
        indexes = [
            # Rankings pages: titles by rank and by popularity.
            models.Index(fields=["rank"], name="titlestats_rank_idx"),
            models.Index(fields=["popularity"], name="titlestats_popularity_idx"),
            # Home page: trending this week.
            models.Index(
                models.F("trending").desc(),
                name="titlestats_trending_idx",
                condition=Q(trending__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return f"Statistics of {self.title_id}"

    @property
    def ranked_from(self) -> int:
        return scores_to_be_ranked()

    @property
    def mean(self) -> Decimal | None:
        """The mean score with one decimal, rounded half up as people expect."""
        if not self.ratings_count:
            return None
        return (self.ratings_sum / self.ratings_count).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def review_averages(self) -> list[tuple[str, Decimal]]:
        """The average of each sub-score across all the title's reviews."""
        if not self.review_count:
            return []
        return [
            (
                label,
                (getattr(self, f"{name}_sum") / self.review_count).quantize(
                    Decimal("0.1"), ROUND_HALF_UP
                ),
            )
            for name, label in SUB_SCORES
        ]

    @property
    def histogram_rows(self) -> list[tuple[int, int, int]]:
        return histogram_rows(self.histogram)


def histogram_rows(histogram: list[int]) -> list[tuple[int, int, int]]:
    """(bucket, count, percent of the largest bucket), highest bucket first."""
    top = max(histogram) or 1
    return [
        (bucket, count, round(100 * count / top))
        for bucket, count in reversed(list(enumerate(histogram, start=1)))
    ]
