"""The jobs the queue runs (django-tasks; `manage.py worker` runs them)."""

from __future__ import annotations

from django_tasks import task

from . import jobs, services
from .models import Export


@task()
def build_export(export_id: int) -> None:
    services.export_build(export_id)


jobs.RUNNERS[Export] = lambda pk: build_export.enqueue(pk)
