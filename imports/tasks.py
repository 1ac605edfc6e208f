"""The jobs the queue runs (django-tasks; `manage.py worker` runs them)."""

from __future__ import annotations

from django_tasks import task

from . import jobs, services
from .models import Export, Import


@task()
def build_export(export_id: int) -> None:
    services.export_build(export_id)


jobs.RUNNERS[Export] = lambda pk: build_export.enqueue(pk)


@task()
def match_import(import_id: int) -> None:
    services.import_match(import_id)


@task()
def apply_import(import_id: int) -> None:
    services.import_apply(import_id)


def _run_import(pk: int) -> object:
    """An import's matching or applying, whichever its stage waits for."""
    stage = Import.objects.filter(pk=pk).values_list("stage", flat=True).first()
    if stage == Import.Stage.APPLYING:
        return apply_import.enqueue(pk)
    return match_import.enqueue(pk)


jobs.RUNNERS[Import] = _run_import
