"""Members' exports of everything they own: jobs the queue runs, with their progress and file."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse

from core.models import TimeStampedModel
from core.storage import private_storage


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
