from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When

from core.links import link
from core.models import TimeStampedModel
from titles.models import Title

from .scores import SUB_SCORES, score_constraint, score_field

HISTOGRAM_BUCKETS = 10  # bucket b holds scores from b to b.5; 10.0 is bucket 10
HIDDEN_REASON_MAX_LENGTH = 500


def characters(count: int) -> str:
    """ "1 character", "1,200 characters"."""
    return f"{count:,} character{'' if count == 1 else 's'}"


def episodes_seen_error(title: Title, seen: int) -> str | None:
    """Why `seen` episodes cannot be right for `title`, or None: one rule for lists and reviews."""
    if title.episodes is None or seen <= title.episodes:
        return None
    plural = "s" if title.episodes != 1 else ""
    return f"{title.title} has {title.episodes} episode{plural}; you cannot have seen {seen}."


class ListEntryQuerySet(models.QuerySet):
    def recently_watched(self, title: Title, limit: int) -> ListEntryQuerySet:
        return (
            self.filter(title=title, status__in=ListEntry.WATCHED_STATUSES)
            .select_related("user")
            .only("user_id", "status", "user__username", "user__avatar")
            .order_by("-updated_at", "-id")[:limit]
        )

    def of_user(self, user) -> ListEntryQuerySet:
        return self.filter(user=user).select_related("title")

    def in_status_order(self) -> ListEntryQuerySet:
        """Watching, Completed, Plan to Watch, On Hold, Dropped; newest first in each."""
        rank = Case(
            *[
                When(status=status, then=Value(i))
                for i, status in enumerate(ListEntry.Status.values)
            ],
            output_field=IntegerField(),
        )
        return self.order_by(rank, "-updated_at", "-id")


class ListEntry(TimeStampedModel):
    class Status(models.TextChoices):
        WATCHING = "watching", "Watching"
        COMPLETED = "completed", "Completed"
        PLAN_TO_WATCH = "plan_to_watch", "Plan to Watch"
        ON_HOLD = "on_hold", "On Hold"
        DROPPED = "dropped", "Dropped"

    WATCHED_STATUSES = [Status.WATCHING, Status.COMPLETED]

    # Foreign keys get no index of their own when a named index in Meta starts with them.
    user = models.ForeignKey(  # listentry_one_per_user_and_title
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="list_entries",
        db_index=False,
    )
    # Keeps its own index: the only index in Meta that starts with title is partial.
    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="list_entries")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.COMPLETED)
    episodes_seen = models.PositiveSmallIntegerField(default=0)
    score = score_field("your rating", null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    finished_on = models.DateField(null=True, blank=True)

    objects = ListEntryQuerySet.as_manager()
    # Not stored: the id of the member's review of the title, set by selectors.member_state.
    review_id: int | None

    class Meta:
        verbose_name_plural = "list entries"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "title"],
                name="listentry_one_per_user_and_title",
                violation_error_message="This title is already on your list.",
            ),
            models.CheckConstraint(
                name="listentry_status_valid",
                condition=Q(
                    status__in=["watching", "completed", "plan_to_watch", "on_hold", "dropped"]
                ),
            ),
            score_constraint("score", "listentry_score_in_steps", nullable=True),
            models.CheckConstraint(
                name="listentry_finished_after_started",
                condition=Q(started_on__isnull=True)
                | Q(finished_on__isnull=True)
                | Q(finished_on__gte=models.F("started_on")),
                violation_error_message="You cannot finish a title before you started it.",
            ),
        ]
        indexes = [
            # "Recently Watched By": a title's latest watching/completed entries.
            models.Index(
                "title",
                models.F("updated_at").desc(),
                name="listentry_recent_watchers_idx",
                condition=Q(status__in=["watching", "completed"]),
            ),
            # Trending this week: the entries changed lately (reviews.stats.rankings_refresh).
            models.Index(fields=["updated_at"], name="listentry_updated_idx"),
            # A user's list grouped by status (the unique index covers user alone too).
            models.Index(
                fields=["user", "status", "-updated_at"], name="listentry_user_status_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.title}: {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return link("reviews:entry_edit", self.pk)

    def clean(self) -> None:
        errors = {}
        if self.title_id and (error := episodes_seen_error(self.title, self.episodes_seen)):
            errors["episodes_seen"] = error
        if self.started_on and self.finished_on and self.finished_on < self.started_on:
            errors["finished_on"] = "You cannot finish a title before you started it."
        if errors:
            raise ValidationError(errors)


def empty_histogram() -> list[int]:
    return [0] * HISTOGRAM_BUCKETS


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
        """(bucket, count, percent of the largest bucket), highest bucket first."""
        top = max(self.histogram) or 1
        return [
            (bucket, count, round(100 * count / top))
            for bucket, count in reversed(list(enumerate(self.histogram, start=1)))
        ]


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


class Review(TimeStampedModel):
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
        return link("reviews:review_detail", self.pk)

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
