"""Members' exports and imports: jobs the queue runs, with their progress, files and rows."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse

from core.models import TimeStampedModel
from core.storage import private_storage
from reviews.models import NOTE_MAX_LENGTH, ListEntry
from reviews.scores import score_field
from titles.models import Title


class Job(TimeStampedModel):
    """A piece of work for one member that the queue runs, and how far it has come. The worker
    running it says so now and then (`heartbeat_at`); one silent for too long is handed to the
    next worker (imports.jobs)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for its turn"
        RUNNING = "running", "Being prepared"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)  # rows handled so far…
    total = models.PositiveIntegerField(default=0)  # …of this many
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        abstract = True

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, 100 * self.done // self.total) if self.total else 0

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class Export(Job):
    """A zip of everything the member owns, kept EXPORT_KEEP_DAYS for them alone."""

    file = models.FileField(storage=private_storage, upload_to="exports/%Y/%m/", blank=True)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"], name="export_user_newest_idx")]

    def __str__(self) -> str:
        return f"Export {self.pk} of member {self.user_id} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("imports:export_download", kwargs={"pk": self.pk})

    @property
    def expires_at(self) -> datetime | None:
        if self.finished_at is None:
            return None
        return self.finished_at + timedelta(days=settings.EXPORT_KEEP_DAYS)


class Import(Job):
    """A file a member brought from another site, its rows matched to the catalogue, reviewed
    by the member, then applied to their list. Each of the two jobs (matching, applying) is
    one run of the queue; `stage` says which the status is about."""

    class Stage(models.TextChoices):
        MATCHING = "matching", "Matching titles"
        REVIEW = "review", "Waiting for your review"
        APPLYING = "applying", "Adding to your list"
        APPLIED = "applied", "Added to your list"

    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.MATCHING)
    source = models.CharField(max_length=12)  # imports.sources.Kind.slug
    source_label = models.CharField(max_length=60)
    filename = models.CharField(max_length=255, blank=True)
    rows_in_file = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"], name="import_user_newest_idx")]

    def __str__(self) -> str:
        return f"Import {self.pk} of member {self.user_id} ({self.stage}, {self.status})"

    def get_absolute_url(self) -> str:
        return reverse("imports:import_review", kwargs={"pk": self.pk})

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED


class ImportRow(models.Model):
    """One title of an import's file: what the file says, in this site's terms, and which
    title of the catalogue it is (`match`), then what applying it did (`outcome`)."""

    class Match(models.TextChoices):
        MATCHED = "matched", "Matched"
        AMBIGUOUS = "ambiguous", "Choose the title"
        NOT_FOUND = "not_found", "Not found"
        DUPLICATE = "duplicate", "Twice in the file"
        SKIPPED = "skipped", "Skipped"

    class Outcome(models.TextChoices):
        ADDED = "added", "Added"
        UPDATED = "updated", "Updated"
        UNCHANGED = "unchanged", "Already on your list"
        KEPT = "kept", "Your entry is newer; kept"
        REVIEWED = "reviewed", "You reviewed it; your entry is kept"
        GONE = "gone", "No longer in the catalogue"

    job = models.ForeignKey(Import, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField()  # its place in the file, from 1
    names = ArrayField(models.CharField(max_length=500), size=3)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=16, choices=ListEntry.Status.choices, blank=True)
    score = score_field("score", null=True, blank=True)
    episodes_seen = models.PositiveSmallIntegerField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    finished_on = models.DateField(null=True, blank=True)
    rewatch_count = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    priority = models.CharField(max_length=6, blank=True)
    is_private = models.BooleanField(default=False)
    as_of = models.DateField(null=True, blank=True)  # sources.SourceRow.as_of
    problems = ArrayField(models.CharField(max_length=300), default=list, blank=True)

    match = models.CharField(max_length=10, choices=Match.choices, blank=True)
    title = models.ForeignKey(
        Title, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    candidates = ArrayField(models.IntegerField(), default=list, blank=True)  # up to five ids
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "number"], name="importrow_one_per_number")
        ]
        indexes = [models.Index(fields=["job", "match", "number"], name="importrow_match_idx")]

    def __str__(self) -> str:
        return f"Row {self.number} of import {self.job_id}: {self.names[0]}"
