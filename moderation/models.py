"""Members' reports of what breaks the rules, and the record of what moderators did.

A report or an action names its item by kind and id (`moderation/kinds.py` knows how to read,
hide and restore each kind), and the item's author, so that the queue can show the author's
record without asking every app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel

ALREADY_REPORTED = "You have already reported this. A moderator will look at it soon."
# What a moderator writes about an action: as long as the reason an item's app keeps.
NOTE_MAX_LENGTH = 500


class Kind(models.TextChoices):
    REVIEW = "review", "Review"
    COMMENT = "comment", "Comment"
    REASON = "reason", "Recommendation reason"
    PROFILE = "profile", "Profile"


class Report(TimeStampedModel):
    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        ABUSE = "abuse", "Harassment, hate or personal attacks"
        SPOILER = "spoiler", "An unmarked spoiler"
        OFF_TOPIC = "off_topic", "Off topic or not about the title"
        OTHER = "other", "Something else"

    class State(models.TextChoices):
        OPEN = "open", "Open"
        ACTED_ON = "acted_on", "Acted on"
        DISMISSED = "dismissed", "Dismissed"

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    # Null when the author's account is closed.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="reports_received",
        db_index=False,  # report_author_idx
    )
    reason = models.CharField(max_length=10, choices=Reason.choices)
    note = models.TextField("more details", max_length=1000, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "kind", "object_id"],
                condition=Q(state="open"),
                name="report_one_open_per_member_and_item",
                violation_error_message=ALREADY_REPORTED,
            ),
            models.CheckConstraint(
                condition=Q(state="open", resolved_at__isnull=True)
                | (~Q(state="open") & Q(resolved_at__isnull=False)),
                name="report_resolved_when_closed",
            ),
        ]
        indexes = [
            # The queue: open reports, grouped by item.
            models.Index(
                fields=["kind", "object_id", "created_at"],
                name="report_open_item_idx",
                condition=Q(state="open"),
            ),
            # An item's page: all of its reports, past ones too.
            models.Index(fields=["kind", "object_id"], name="report_item_idx"),
            # The author's record in the queue.
            models.Index(fields=["author", "state"], name="report_author_idx"),
        ]

    def __str__(self) -> str:
        return f"Report of {self.get_kind_display().lower()} {self.object_id}"


class Action(models.Model):
    """One thing a moderator did, and why: the item's moderation history."""

    class Verb(models.TextChoices):
        HIDE = "hide", "Hid it"
        RESTORE = "restore", "Restored it"
        DISMISS = "dismiss", "Dismissed the reports"
        SUSPEND = "suspend", "Suspended the author"
        REINSTATE = "reinstate", "Lifted the author's suspension"

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="moderation_actions",
        db_index=False,  # action_author_idx
    )
    verb = models.CharField(max_length=10, choices=Verb.choices)
    note = models.TextField(max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "object_id", "created_at"], name="action_item_idx"),
            models.Index("author", models.F("created_at").desc(), name="action_author_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_verb_display()} ({self.get_kind_display().lower()} {self.object_id})"
