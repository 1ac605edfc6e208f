"""Each member's stored statistics, kept true by reviews/services.py (reviews/member_stats.py)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from .stats import HISTOGRAM_BUCKETS, empty_histogram, histogram_rows


class MemberStats(models.Model):
    """What a member's list adds up to, one row per member: titles, episodes and time
    watched, scores, and counts by status, country, genre and year.

    Only entries others may see count (a private entry is left out), so the numbers on a
    profile give nothing away. The services change them in the write's transaction, under a
    lock on this row; `recompute_stats --check` audits them.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    titles = models.PositiveIntegerField(default=0)
    episodes = models.PositiveIntegerField(default=0)
    minutes = models.PositiveBigIntegerField(default=0)
    ratings_count = models.PositiveIntegerField(default=0)
    ratings_sum = models.DecimalField(max_digits=12, decimal_places=1, default=Decimal(0))
    histogram = ArrayField(
        models.PositiveIntegerField(), size=HISTOGRAM_BUCKETS, default=empty_histogram
    )
    # {status: n}, {country code: n}, {genre id: n}, {year: n}; no zeros are kept.
    by_status = models.JSONField(default=dict)
    by_country = models.JSONField(default=dict)
    by_genre = models.JSONField(default=dict)
    by_year = models.JSONField(default=dict)

    class Meta:
        verbose_name_plural = "member statistics"

    def __str__(self) -> str:
        return f"Statistics of member {self.user_id}"

    @property
    def mean(self) -> Decimal | None:
        if not self.ratings_count:
            return None
        return (self.ratings_sum / self.ratings_count).quantize(Decimal("0.01"))

    @property
    def days(self) -> Decimal:
        return (Decimal(self.minutes) / 1440).quantize(Decimal("0.1"))

    @property
    def histogram_rows(self) -> list[tuple[int, int, int]]:
        return histogram_rows(self.histogram)
