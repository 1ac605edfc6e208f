"""Reviews with their sub-scores, and the helpful votes on them."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core.links import page_link
from core.models import ChecksInOneQuery, TimeStampedModel
from titles.models import Title

from ..scores import SUB_SCORES, score_constraint, score_field
from .entries import episodes_seen_error

HIDDEN_REASON_MAX_LENGTH = 500


def characters(count: int) -> str:
    """ "1 character", "1,200 characters"."""
    return f"{count:,} character{'' if count == 1 else 's'}"


class ReviewQuerySet(models.QuerySet):
    def visible(self) -> ReviewQuerySet:
        """Reviews that no moderator has hidden: the ones pages list and statistics count."""
        return self.filter(state=Review.State.VISIBLE)

    def most_helpful(self) -> ReviewQuerySet:
        return self.order_by("-helpful_lower_bound", "-created_at", "-id")

    def sorted_by(self, key: str) -> ReviewQuerySet:
        orderings = {
            "helpful": ["-helpful_lower_bound", "-created_at", "-id"],
            "newest": ["-created_at", "-id"],
            "highest": ["-overall", "-id"],
            "lowest": ["overall", "id"],
        }
        return self.order_by(*orderings.get(key, orderings["helpful"]))

    def for_display(self) -> ReviewQuerySet:
        return self.select_related("user", "title")


class Review(ChecksInOneQuery, TimeStampedModel):
    class State(models.TextChoices):
        VISIBLE = "visible", "Visible"
        HIDDEN = "hidden", "Hidden by a moderator"

    user = models.ForeignKey(  # review_one_per_user_and_title
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews", db_index=False
    )
    title = models.ForeignKey(  # review_title_state_helpful_idx
        Title, on_delete=models.CASCADE, related_name="reviews", db_index=False
    )
    headline = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    is_spoiler = models.BooleanField("contains spoilers", default=False)
    episodes_seen = models.PositiveSmallIntegerField(default=0)
    overall = score_field("Overall")
    story = score_field("Story")
    acting = score_field("Acting/Cast")
    music = score_field("Music")
    rewatch = score_field("Rewatch Value")
    # Stored helpfulness, changed only by the vote services under a lock on this row.
    helpful_yes = models.PositiveIntegerField(default=0)
    helpful_total = models.PositiveIntegerField(default=0)
    helpful_lower_bound = models.FloatField(default=0.0)
    # Changed only by the moderation services, which keep the title's statistics true: a
    # hidden review counts in none of them, and its author is told `hidden_reason`. Database
    # defaults too, for rows inserted in bulk by plain SQL (`generate`).
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.VISIBLE, db_default=State.VISIBLE
    )
    hidden_reason = models.CharField(max_length=HIDDEN_REASON_MAX_LENGTH, blank=True, db_default="")

    objects = ReviewQuerySet.as_manager()

    # Not stored: the reader's answer to "Was this helpful?" (None if none), set by the selectors.
    my_vote: bool | None

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "title"],
                name="review_one_per_user_and_title",
                violation_error_message="You have already reviewed this title.",
            ),
            *[score_constraint(name, f"review_{name}_in_steps") for name, _ in SUB_SCORES],
            models.CheckConstraint(
                name="review_helpful_within_total",
                condition=Q(helpful_yes__lte=models.F("helpful_total")),
            ),
            models.CheckConstraint(name="review_body_not_empty", condition=~Q(body="")),
            models.CheckConstraint(
                name="review_state_valid", condition=Q(state__in=["visible", "hidden"])
            ),
            models.CheckConstraint(
                name="review_reason_only_when_hidden",
                condition=(Q(state="visible") & Q(hidden_reason=""))
                | (Q(state="hidden") & ~Q(hidden_reason="")),
                violation_error_message="A hidden review needs a reason, a visible one none.",
            ),
        ]
        # Pages list visible reviews only. The state follows the owner in the indexes that
        # start with a foreign key (they also serve its lookups and cascades), so a title with
        # many hidden reviews costs its pages nothing more; the site-wide one leaves them out.
        indexes = [
            # Title page and reviews page, "most helpful" (the default order).
            models.Index(
                fields=["title", "state", "-helpful_lower_bound", "-created_at"],
                name="review_title_state_helpful_idx",
            ),
            # Reviews page sorted by newest.
            models.Index(
                fields=["title", "state", "-created_at"], name="review_title_state_newest_idx"
            ),
            # Reviews page sorted by highest or lowest Overall (scanned either way).
            models.Index(
                fields=["title", "state", "overall", "id"], name="review_title_state_overall_idx"
            ),
            # Home page: the latest reviews of all titles.
            models.Index(
                models.F("created_at").desc(),
                name="review_newest_visible_idx",
                condition=Q(state="visible"),
            ),
            # A user's reviews page, newest first.
            models.Index(
                fields=["user", "state", "-created_at"], name="review_user_state_newest_idx"
            ),
        ]
        permissions = [("moderate_review", "Can hide and restore reviews")]

    def __str__(self) -> str:
        return f"Review of {self.title} by {self.user}"

    def get_absolute_url(self) -> str:
        return page_link("review", self.pk)

    @property
    def sub_scores(self) -> list[tuple[str, Decimal]]:
        return [(label, getattr(self, name)) for name, label in SUB_SCORES]

    @property
    def is_visible(self) -> bool:
        return self.state == self.State.VISIBLE

    def clean(self) -> None:
        errors = {}
        if self.title_id and (error := episodes_seen_error(self.title, self.episodes_seen)):
            errors["episodes_seen"] = error
        # An empty body is the form's "required"; here only its length.
        length, low, high = len(self.body), settings.REVIEW_MIN_LENGTH, settings.REVIEW_MAX_LENGTH
        if self.body and length < low:
            errors["body"] = (
                f"Your review is {characters(length)} long; please write at least {low:,}."
            )
        elif length > high:
            errors["body"] = f"Your review is {characters(length)} long; the limit is {high:,}."
        if errors:
            raise ValidationError(errors)


class ReviewVote(TimeStampedModel):
    review = models.ForeignKey(  # reviewvote_one_per_user_and_review
        Review, on_delete=models.CASCADE, related_name="votes", db_index=False
    )
    user = models.ForeignKey(  # reviewvote_user_review_idx
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_votes",
        db_index=False,
    )
    helpful = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["review", "user"],
                name="reviewvote_one_per_user_and_review",
                violation_error_message="You have already voted on this review.",
            )
        ]
        # The unique constraint's index (review first) serves the recount of a review's votes;
        # this one serves "the signed-in user's votes on the reviews shown".
        indexes = [models.Index(fields=["user", "review"], name="reviewvote_user_review_idx")]

    def __str__(self) -> str:
        return f"{self.user} found {self.review_id} {'helpful' if self.helpful else 'unhelpful'}"
