"""Writes of members' exports (asking for one, building it on the queue, removing old ones) and
imports (reading a file, matching its rows, the member's review, applying it)."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from reviews.bulk import list_entries_bulk_save
from reviews.models import NOTE_MAX_LENGTH, ListEntry
from titles.models import Title

from . import jobs
from .applying import entry_values, row_is_newer
from .exports import rows_to_write, write_export
from .matching import match_row
from .models import Export, Import, ImportRow
from .sources import SourceRow, UnreadableFile, read_rows


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


# Imports: a file read and its rows kept, then matched on the queue, reviewed by the member,
# and applied on the queue.

MATCH_BATCH = 100
APPLY_BATCH = 500


def import_upload(*, user: User, data: bytes, filename: str) -> Import:
    """Read the member's file, keep its rows, and queue their matching. UnreadableFile when the
    file is none this site reads; ValidationError when the member has one import running."""
    kind, source_rows = read_rows(data)
    if not source_rows:
        raise UnreadableFile("The file holds no titles.")
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        latest = Import.objects.filter(user=user).order_by("-created_at").first()
        if latest is not None and latest.is_pending:
            raise ValidationError(
                "Your last import is still being prepared; please wait for it.", code="pending"
            )
        job = Import.objects.create(user=user, source=kind.slug, source_label=kind.label,
                                    filename=filename[:255], total=len(source_rows),
                                    rows_in_file=len(source_rows))  # fmt: skip
        ImportRow.objects.bulk_create(
            (_import_row(job, row) for row in source_rows), batch_size=1000
        )
        jobs.RUNNERS[Import](job.pk)
    return job


def _text(value: str, most: int) -> str:
    """Text as PostgreSQL keeps it: no NUL characters, which a JSON file may hold."""
    return value.replace("\x00", "")[:most]


def _import_row(job: Import, row: SourceRow) -> ImportRow:
    problems = list(row.problems)
    if len(row.note) > NOTE_MAX_LENGTH:
        problems.append(f"The note is longer than {NOTE_MAX_LENGTH:,} characters; cut there.")
    return ImportRow(
        job=job,
        number=row.number,
        names=[_text(name, 500) for name in row.names[:3]],
        year=row.year,
        kind=row.kind or "",
        status=row.status or "",
        score=row.score,
        episodes_seen=row.episodes_seen,
        started_on=row.started_on,
        finished_on=row.finished_on,
        rewatch_count=row.rewatch_count,
        note=_text(row.note, NOTE_MAX_LENGTH),
        priority=row.priority,
        is_private=row.private,
        as_of=row.as_of,
        problems=[_text(problem, 300) for problem in problems],
    )


def import_match(import_id: int) -> None:
    """Match each row not matched yet to the catalogue, reporting progress; run by the queue.
    A worker that stops mid-way leaves the rows matched so far, and the next goes on."""
    if not jobs.claim(Import, import_id):
        return
    try:
        rows = ImportRow.objects.filter(job_id=import_id)
        done = rows.exclude(match="").count()
        while batch := list(rows.filter(match="").order_by("number")[:MATCH_BATCH]):
            for row in batch:
                found = match_row(row.names, row.year, row.kind)
                row.match, row.title = found.match, found.title
                row.candidates = [title.pk for title in found.candidates]
            ImportRow.objects.bulk_update(batch, ["match", "title", "candidates"])
            done += len(batch)
            jobs.beat(Import, import_id, done)
        _mark_duplicates(import_id)
        jobs.finish(Import, import_id, stage=Import.Stage.REVIEW)
    except Exception as failure:
        jobs.fail(Import, import_id, f"{type(failure).__name__}: {failure}")
        raise


def _mark_duplicates(import_id: int) -> None:
    """Of the rows matched to one title, the latest (by its day, then its place) is applied,
    and the others are marked as its duplicates: again after the member's choices, so a row
    left alone by a skip is applied."""
    rows = ImportRow.objects.filter(job_id=import_id)
    rows.filter(match=ImportRow.Match.DUPLICATE).update(match=ImportRow.Match.MATCHED)
    matched = rows.filter(match=ImportRow.Match.MATCHED)
    kept: dict[int, tuple] = {}
    twice: list[int] = []
    for pk, title_id, as_of, number in matched.values_list("pk", "title_id", "as_of", "number"):
        key = (as_of or date.min, number, pk)
        if title_id in kept:
            twice.append(min(kept[title_id], key)[2])
            key = max(kept[title_id], key)
        kept[title_id] = key
    ImportRow.objects.filter(pk__in=twice).update(match=ImportRow.Match.DUPLICATE)


@transaction.atomic
def import_row_choose(*, user: User, row: ImportRow, title: Title | None) -> ImportRow:
    """The member's word on a row under review: this title, or skip it (None). The import is
    locked, so a choice never slips in while it is being applied."""
    job = Import.objects.select_for_update().get(pk=row.job_id)
    if job.user_id != user.pk:
        raise PermissionDenied("This import is not yours.")
    if job.stage != Import.Stage.REVIEW:
        raise ValidationError("This import is no longer being reviewed.", code="not_review")
    row.match = ImportRow.Match.MATCHED if title else ImportRow.Match.SKIPPED
    row.title = title
    row.save(update_fields=["match", "title"])
    return row


@transaction.atomic
def import_apply_request(*, user: User, job: Import) -> Import:
    """Queue the reviewed import to be applied: every matched row goes on the member's list."""
    job = Import.objects.select_for_update().get(pk=job.pk)
    if job.user_id != user.pk:
        raise PermissionDenied("This import is not yours.")
    if job.stage != Import.Stage.REVIEW:
        raise ValidationError("This import was applied already.", code="applied")
    _mark_duplicates(job.pk)
    job.stage, job.status, job.done = Import.Stage.APPLYING, Import.Status.QUEUED, 0
    job.total = job.rows.filter(match=ImportRow.Match.MATCHED).count()
    job.save(update_fields=["stage", "status", "done", "total", "updated_at"])
    jobs.RUNNERS[Import](job.pk)
    return job


def import_apply(import_id: int) -> None:
    """Write the matched rows not applied yet to the member's list, APPLY_BATCH rows to a
    transaction with their statistics; run by the queue. A worker that stops mid-way leaves
    whole batches written, each with its rows' outcomes, and the next goes on."""
    if not jobs.claim(Import, import_id):
        return
    job = Import.objects.select_related("user").get(pk=import_id)
    try:
        rows = job.rows.filter(match=ImportRow.Match.MATCHED, outcome="")
        done = job.rows.filter(match=ImportRow.Match.MATCHED).exclude(outcome="").count()
        while batch := list(rows.select_related("title").order_by("number")[:APPLY_BATCH]):
            with transaction.atomic():
                _apply_batch(job.user, batch)
            done += len(batch)
            jobs.beat(Import, import_id, done)
        jobs.finish(Import, import_id, stage=Import.Stage.APPLIED)
    except Exception as failure:
        jobs.fail(Import, import_id, f"{type(failure).__name__}: {failure}")
        raise


def _apply_batch(user: User, batch: list[ImportRow]) -> None:
    titles = {row.title.pk: (row, row.title) for row in batch if row.title is not None}
    by_title = {pk: row for pk, (row, _) in titles.items()}
    # The entries as they stand, for what the rows leave unsaid (the service locks them again
    # and writes only over those `row_is_newer` allows).
    mine = {e.title_id: e for e in ListEntry.objects.filter(user=user, title_id__in=titles)}
    values = {pk: entry_values(row, title, mine.get(pk))[0] for pk, (row, title) in titles.items()}
    outcomes = list_entries_bulk_save(
        user=user,
        values=values,
        write_over=lambda entry: row_is_newer(by_title[entry.title_id], entry),
    )
    for row in batch:
        row.outcome = outcomes.get(row.title_id or 0, ImportRow.Outcome.GONE)
    ImportRow.objects.bulk_update(batch, ["outcome"])
