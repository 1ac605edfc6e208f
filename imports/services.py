"""Writes of members' exports: asking for one, building it on the queue, and removing old ones."""

from __future__ import annotations

import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from accounts.models import User

from . import jobs
from .exports import rows_to_write, write_export
from .models import Export


@transaction.atomic
def export_request(*, user: User) -> Export:
    """Queue an export of everything `user` owns. One at a time, EXPORTS_PER_DAY a day."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    mine = Export.objects.filter(user=user)
    if any(export.is_pending for export in mine.order_by("-created_at")[:1]):
        raise ValidationError("Your export is already being prepared.", code="pending")
    today = mine.filter(created_at__gte=timezone.now() - timedelta(days=1)).count()
    if today >= settings.EXPORTS_PER_DAY:
        raise ValidationError(
            f"You can ask for {settings.EXPORTS_PER_DAY} exports a day; please try tomorrow.",
            code="too_many",
        )
    export = Export.objects.create(user=user)
    # In the same transaction: the job is queued if and only if the export is asked for.
    jobs.RUNNERS[Export](export.pk)
    return export


def export_build(export_id: int) -> None:
    """Write the export's zip, reporting progress; run by the queue (imports.tasks)."""
    if not jobs.claim(Export, export_id):
        return  # done already, or another worker is at it
    export = Export.objects.select_related("user").get(pk=export_id)
    try:
        Export.objects.filter(pk=export_id).update(total=rows_to_write(export.user))
        with tempfile.TemporaryFile() as out:
            write_export(export.user, out, lambda done: jobs.beat(Export, export_id, done))
            size = out.tell()
            out.seek(0)
            name = f"dramadb-{export.user.username}-{timezone.localdate():%Y-%m-%d}.zip"
            export.file.save(name, File(out), save=False)
        jobs.finish(Export, export_id, file=export.file.name, size=size)
    except Exception as failure:
        jobs.fail(Export, export_id, f"{type(failure).__name__}: {failure}")
        raise
    export_prune()


def export_prune() -> int:
    """Remove exports past EXPORT_KEEP_DAYS, files and all; how many."""
    cutoff = timezone.now() - timedelta(days=settings.EXPORT_KEEP_DAYS)
    old = list(Export.objects.filter(finished_at__lt=cutoff))
    for export in old:
        if export.file:
            export.file.delete(save=False)
        export.delete()
    return len(old)
