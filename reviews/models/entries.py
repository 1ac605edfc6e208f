"""Members' list entries: a title's status, score, episodes seen and dates for one member."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When
from django.db.models.functions import Cast, Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse

from core.models import ChecksInOneQuery, TimeStampedModel
from titles.models import Title

from ..scores import score_constraint, score_field


def episodes_seen_error(title: Title, seen: int) -> str | None:
    """Why `seen` episodes cannot be right for `title`, or None: one rule for lists and reviews."""
    if title.episodes is None or seen <= title.episodes:
        return None
    plural = "s" if title.episodes != 1 else ""
    return f"{title.title} has {title.episodes} episode{plural}; you cannot have seen {seen}."


class ListEntryQuerySet(models.QuerySet):
    def seen_by(self, viewer: Any) -> ListEntryQuerySet:
        """The entries `viewer` may see: all of their own, nobody else's private ones."""
        if viewer is not None and viewer.is_authenticated:
            return self.filter(Q(is_private=False) | Q(user=viewer))
        return self.filter(is_private=False)

    def recently_watched(self, title: Title, limit: int) -> ListEntryQuerySet:
        return (
            self.filter(title=title, status__in=ListEntry.WATCHED_STATUSES, is_private=False)
            .select_related("user")
            .only("user_id", "status", "user__username", "user__avatar")
            .order_by("-updated_at", "-id")[:limit]
        )

    def of_user(self, user) -> ListEntryQuerySet:
        return self.filter(user=user).select_related("title")

    def in_status_order(self, sort: str = "updated") -> ListEntryQuerySet:
        """Watching, Completed, Plan to Watch, On Hold, Dropped; in each, in the order of
        LIST_ORDERS[`sort`]: the latest changed first unless asked otherwise."""
        rank = Case(
            *[
                When(status=status, then=Value(i))
                for i, status in enumerate(ListEntry.Status.values)
            ],
            output_field=IntegerField(),
        )
        return self.order_by(rank, *LIST_ORDERS[sort][1], "-id")


def _latest_first(field: str) -> list[Any]:
    return [F(field).desc(nulls_last=True), "-updated_at"]


# How a member's list is ordered within each status: key → (label, ordering). Unknowns last.
LIST_ORDERS: dict[str, tuple[str, list[Any]]] = {
    "updated": ("Latest changed", ["-updated_at"]),
    "score": ("Score", _latest_first("score")),
    "progress": (
        "Progress",
        [
            (Cast("episodes_seen", FloatField()) / F("title__episodes")).desc(nulls_last=True),
            "-updated_at",
        ],
    ),
    "title": ("Title", [Lower("title__title")]),
    "started": ("Started", _latest_first("started_on")),
    "finished": ("Finished", _latest_first("finished_on")),
}


PLANNED_WITHOUT_SCORE = (
    "A title you plan to watch has no score yet: choose Watching or Completed to rate it."
)


NOTE_MAX_LENGTH = 10_000
REWATCHES_MAX = 999


class Priority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class ListEntry(ChecksInOneQuery, TimeStampedModel):
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
    # The member's own: shown to nobody else.
    note = models.TextField(
        "private note", blank=True, default="", db_default="", max_length=NOTE_MAX_LENGTH,
        help_text="Only you see it.",
    )  # fmt: skip
    rewatch_count = models.PositiveSmallIntegerField(
        "times rewatched", default=0, db_default=0, validators=[MaxValueValidator(REWATCHES_MAX)]
    )
    priority = models.CharField(max_length=6, choices=Priority.choices, blank=True, db_default="")
    is_private = models.BooleanField(
        "private entry",
        default=False,
        db_default=False,
        help_text="Hidden from your list and profile for everybody else, and from "
        '"Recently Watched By". Your score still counts, unnamed, in the title\'s ratings.',
    )

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
            # A title one only plans to watch has not been seen, so it has no score yet; before
            # a title airs this is the only status there is (reviews.services).
            models.CheckConstraint(
                name="listentry_plan_has_no_score",
                condition=~Q(status="plan_to_watch") | Q(score__isnull=True),
                violation_error_message=PLANNED_WITHOUT_SCORE,
            ),
            models.CheckConstraint(
                name="listentry_note_length",
                condition=LessThanOrEqual(Length("note"), NOTE_MAX_LENGTH),
                violation_error_message=f"A note can be {NOTE_MAX_LENGTH:,} characters at most.",
            ),
            models.CheckConstraint(
                name="listentry_rewatches_in_range",
                condition=Q(rewatch_count__lte=REWATCHES_MAX),
                violation_error_message=f"Rewatches run from 0 to {REWATCHES_MAX}.",
            ),
            models.CheckConstraint(
                name="listentry_priority_valid", condition=Q(priority__in=["", *Priority.values])
            ),
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
                condition=Q(status__in=["watching", "completed"], is_private=False),
            ),
            # Trending this week: the entries changed lately (reviews.stats.rankings_refresh).
            models.Index(fields=["updated_at"], name="listentry_updated_idx"),
            # A user's list grouped by status (the unique index covers user alone too).
            # The owner's private entries, counted on their profile beside the stored totals.
            models.Index(
                fields=["user", "status"],
                condition=Q(is_private=True),
                name="listentry_user_private_idx",
            ),
            models.Index(
                fields=["user", "status", "-updated_at"], name="listentry_user_status_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.title}: {self.get_status_display()}"

    @property
    def can_progress(self) -> bool:
        """Whether "+1" is offered: the title has aired, the entry is not completed and an
        episode remains (reviews.services.list_entry_progress)."""
        episodes = self.title.episodes
        return (
            self.status != self.Status.COMPLETED
            and self.title.has_aired
            and (episodes is None or self.episodes_seen < episodes)
        )

    def get_absolute_url(self) -> str:
        return reverse("reviews:entry_edit", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.title_id and (error := episodes_seen_error(self.title, self.episodes_seen)):
            errors["episodes_seen"] = error
        if self.started_on and self.finished_on and self.finished_on < self.started_on:
            errors["finished_on"] = "You cannot finish a title before you started it."
        if errors:
            raise ValidationError(errors)
