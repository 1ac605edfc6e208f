"""The jobs the queue runs for this room (django-tasks; `manage.py worker` runs them)."""

from __future__ import annotations

from django_tasks import task

from .digest import digest_send


@task()
def send_digest(user_id: int) -> None:
    digest_send(user_id)
