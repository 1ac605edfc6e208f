"""Running members' jobs on the queue so that none is lost or done twice.

A job row (models.Job) is the truth about a piece of work; the queue only carries its id. A
worker claims the row before it starts (one claim wins, even with the job queued twice), says
now and then that it is still at it, and marks the row done or failed. A worker that dies
mid-job leaves the row silent: the next worker to start (`manage.py worker`) queues every job
silent for JOB_STALL_SECONDS again, and the job runs from the start, which is harmless.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Job

logger = logging.getLogger(__name__)

# Each kind of job, with the task that runs it: filled in by imports.tasks.
RUNNERS: dict[type[Job], Callable[[int], object]] = {}


def stalled(model: type[Job]) -> Q:
    """Jobs not finished whose worker (or queue) has said nothing for JOB_STALL_SECONDS."""
    since = timezone.now() - timedelta(seconds=settings.JOB_STALL_SECONDS)
    pending = Q(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
    silent = Q(heartbeat_at__lt=since) | Q(heartbeat_at__isnull=True, created_at__lt=since)
    return pending & silent


def claim(model: type[Job], pk: int) -> bool:
    """Take job `pk` for this worker: True unless it is finished or another worker is at it."""
    claimed = (
        model._default_manager.filter(pk=pk)
        .filter(Q(status=Job.Status.QUEUED) | stalled(model))
        .update(status=Job.Status.RUNNING, heartbeat_at=timezone.now(), done=0)
    )
    return bool(claimed)


def beat(model: type[Job], pk: int, done: int) -> None:
    """Say how far job `pk` has come, which also says that its worker is alive."""
    model._default_manager.filter(pk=pk).update(done=done, heartbeat_at=timezone.now())


def finish(model: type[Job], pk: int, **fields: object) -> None:
    now = timezone.now()
    model._default_manager.filter(pk=pk).update(
        status=Job.Status.DONE, heartbeat_at=now, finished_at=now, error="", **fields
    )


def fail(model: type[Job], pk: int, error: str) -> None:
    logger.exception("%s %s failed", model.__name__, pk)
    now = timezone.now()
    model._default_manager.filter(pk=pk).update(
        status=Job.Status.FAILED, heartbeat_at=now, finished_at=now, error=error[:500]
    )


def requeue_stalled() -> int:
    """Queue again every job that was waiting or running when its worker stopped; how many."""
    count = 0
    for model, run in RUNNERS.items():
        for pk in model._default_manager.filter(stalled(model)).values_list("pk", flat=True):
            model._default_manager.filter(pk=pk).update(
                status=Job.Status.QUEUED, heartbeat_at=timezone.now()
            )
            run(pk)
            count += 1
    return count
