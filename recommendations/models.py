"""Title-to-title recommendations written by users, and similar titles computed from lists.

A recommendation is about an unordered pair of titles: "A for B" and "B for A" are the same
row, stored with the lower title id first, so it shows on both titles' pages. Each user who
recommends the pair adds one reason to it; users vote recommendations up.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual
from django.urls import reverse

from core.models import ChecksInOneQuery
from titles.models import Title

REASON_MIN_LENGTH = 50
REASON_MAX_LENGTH = 2000
# What a moderator may say to the author of a reason they hid.
HIDDEN_WHY_MAX_LENGTH = 500


class Recommendation(models.Model):
    # No single-column indexes: the indexes below start with each title column.
    title_low = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="+", db_index=False)
    title_high = models.ForeignKey(
        Title, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # Stored counters, kept true by recommendations/services.py in the writer's transaction.
    # `reasons_count` counts visible reasons only: hidden ones neither rank nor show.
    votes_count = models.PositiveIntegerField(default=0)
    reasons_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    # Not stored: recommendation_for_page sets how many of its reasons moderators hid.
    hidden_reasons: int

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="recommendation_pair_ordered",
                condition=Q(title_low__lt=F("title_high")),
                violation_error_message="A title cannot be recommended for itself.",
            ),
            # Also serves "does this pair exist yet?" when a user recommends.
            models.UniqueConstraint(
                fields=["title_low", "title_high"], name="recommendation_one_per_pair"
            ),
        ]
        indexes = [
            # Title page and "More recs": a title's best recommendations, one index per side
            # of the pair; the page query reads the top rows of both and merges them.
            models.Index(
                "title_low",
                F("votes_count").desc(),
                F("reasons_count").desc(),
                "id",
                name="recommendation_low_best_idx",
            ),
            models.Index(
                "title_high",
                F("votes_count").desc(),
                F("reasons_count").desc(),
                "id",
                name="recommendation_high_best_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title_low} ↔ {self.title_high}"

    def get_absolute_url(self) -> str:
        return reverse("recommendations:detail", kwargs={"pk": self.pk})

    def other_than(self, title: Title) -> Title:
        """The title of the pair that is not `title` (both must be loaded)."""
        return self.title_high if self.title_low_id == title.pk else self.title_low


class RecommendationReasonQuerySet(models.QuerySet):
    def visible(self) -> RecommendationReasonQuerySet:
        return self.filter(state=RecommendationReason.State.VISIBLE)


class RecommendationReason(ChecksInOneQuery):
    class State(models.TextChoices):
        VISIBLE = "visible", "Visible"
        HIDDEN = "hidden", "Hidden by a moderator"

    # The unique constraint and the index below both start with the recommendation.
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="reasons", db_index=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recommendation_reasons"
    )
    text = models.TextField(max_length=REASON_MAX_LENGTH)
    # Which page the reason was written on: the lower-id title's (recommending the other one
    # for it) or the higher's. Each page shows the reasons written on it first. Unknown
    # (null) for reasons written before it was recorded: they are shown without a label.
    for_low = models.BooleanField(null=True)
    # Changed only by services.reason_hide and reason_restore, which keep the
    # recommendation's count of visible reasons true. Database defaults too, for rows inserted
    # in bulk by plain SQL.
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.VISIBLE, db_default=State.VISIBLE
    )
    hidden_reason = models.CharField(
        max_length=HIDDEN_WHY_MAX_LENGTH,
        blank=True,
        db_default="",
        help_text="Why a moderator hid the reason; shown to its author.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RecommendationReasonQuerySet.as_manager()

    class Meta:
        permissions = [
            ("moderate_recommendationreason", "Can hide and restore recommendation reasons"),
        ]
        constraints = [
            # "The same user recommending the same pair twice."
            models.UniqueConstraint(
                fields=["recommendation", "user"],
                name="recommendationreason_one_per_user",
                violation_error_message="You have already recommended these two titles.",
            ),
            models.CheckConstraint(
                name="recommendationreason_long_enough",
                condition=GreaterThanOrEqual(Length("text"), REASON_MIN_LENGTH),
                violation_error_message=(
                    f"A reason must be at least {REASON_MIN_LENGTH} characters long."
                ),
            ),
            models.CheckConstraint(
                name="recommendationreason_state_valid",
                condition=Q(state__in=["visible", "hidden"]),
            ),
            # A hidden reason tells its author why; a visible one keeps no old why.
            models.CheckConstraint(
                name="recommendationreason_hidden_says_why",
                condition=Q(state="visible", hidden_reason="")
                | (Q(state="hidden") & ~Q(hidden_reason="")),
                violation_error_message="A hidden reason needs a why; a visible one has none.",
            ),
        ]
        indexes = [
            # Title page: the first reason of each recommendation shown; the recommendation
            # page: its reasons, oldest first.
            models.Index(
                fields=["recommendation", "created_at", "id"], name="recreason_rec_created_idx"
            ),
            # The recommendation page: how many of its reasons are hidden, for its page count
            # (hidden reasons are few, so this index stays small).
            models.Index(
                fields=["recommendation"],
                name="recreason_hidden_idx",
                condition=Q(state="hidden"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} on recommendation {self.recommendation_id}"

    @property
    def is_hidden(self) -> bool:
        return self.state == self.State.HIDDEN


class RecommendationVote(models.Model):
    # The unique constraint starts with the recommendation; it also answers "which of these
    # recommendations did this user vote for" on the title page.
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="votes", db_index=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recommendation_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "user"],
                name="recommendationvote_one_per_user",
                violation_error_message="You have already voted for this recommendation.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} for recommendation {self.recommendation_id}"


class TitleRecommendationCount(models.Model):
    """How many recommendations a title takes part in, for "More recs (N)" without counting.

    Changed by recommendations/services.py in the same transaction as the pair it counts.
    """

    title = models.OneToOneField(
        Title, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.title_id}: {self.count} recommendations"


class SimilarTitle(models.Model):
    """Titles liked by the same users, rebuilt by `manage.py compute_similar`.

    Page views only read this table; see recommendations/similar.py for the method.
    """

    # The (title, rank) index serves reads by title; `similar` keeps its own index for
    # deleting a title.
    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="+", db_index=False)
    similar = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(help_text="Cosine similarity of the two titles' likers, 0 to 1.")
    co_likers = models.PositiveIntegerField(help_text="Users who liked both titles.")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            # Title page: "People who liked this also liked", a title's rows in rank order.
            models.UniqueConstraint(fields=["title", "rank"], name="similartitle_rank_per_title"),
            models.UniqueConstraint(fields=["title", "similar"], name="similartitle_one_per_pair"),
            models.CheckConstraint(
                name="similartitle_not_itself", condition=~Q(title=F("similar"))
            ),
            models.CheckConstraint(name="similartitle_rank_positive", condition=Q(rank__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.title_id} → {self.similar_id} (#{self.rank})"
