"""The queue's worker as a real process: killed mid-export, the next one finishes the job."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from imports.models import Export
from imports.services import export_request
from reviews.models import ListEntry
from titles.models import Title

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = 20_000  # an export that takes a few seconds, long enough to be cut off


def _database_url() -> str:
    """The test database, as the worker process connects to it."""
    params = connection.get_connection_params()
    host = quote(str(params.get("host") or ""), safe="/")
    password = f":{quote(params['password'])}" if params.get("password") else ""
    name = params.get("database") or params.get("dbname")
    port = params.get("port") or 5432
    return f"postgres://{params['user']}{password}@/{name}?host={host}&port={port}"


def _worker(private_files: Path) -> subprocess.Popen:
    env = os.environ | {"DATABASE_URL": _database_url(), "PRIVATE_ROOT": str(private_files),
                        "JOB_STALL_SECONDS": "1", "DEBUG": "false"}  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--interval", "0.1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def _wait_for(check, seconds: float, worker: subprocess.Popen) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and worker.poll() is None:
        if check():
            return True
        time.sleep(0.05)
    return False


def test_an_export_cut_off_by_a_killed_worker_is_finished_by_the_next(user, private_files):
    titles = Title.objects.bulk_create(
        [Title(title=f"Title {n}", slug=f"title-{n}", year=2000) for n in range(ENTRIES)]
    )
    ListEntry.objects.bulk_create(
        [ListEntry(user=user, title=title, status="plan_to_watch") for title in titles]
    )
    export = export_request(user=user)
    first = _worker(private_files)
    try:
        started = _wait_for(
            lambda: Export.objects.filter(pk=export.pk, status="running", done__gt=0).exists(),
            60,
            first,
        )
        if not started:
            first.kill()
            pytest.fail(f"the first worker never started the export:\n{first.communicate()[0]}")
        first.send_signal(signal.SIGKILL)  # no chance to finish or to say anything
        first.wait(10)
        cut_off = Export.objects.get(pk=export.pk)
        assert cut_off.status == Export.Status.RUNNING and cut_off.done < cut_off.total
    finally:
        if first.poll() is None:
            first.kill()
    time.sleep(1.2)  # the job is silent for longer than JOB_STALL_SECONDS
    second = _worker(private_files)
    try:
        finished = _wait_for(
            lambda: Export.objects.filter(pk=export.pk, status__in=["done", "failed"]).exists(),
            120,
            second,
        )
    finally:
        second.send_signal(signal.SIGTERM)  # a graceful stop
        output = second.communicate(timeout=30)[0]
    assert finished, output
    export.refresh_from_db()
    assert export.status == Export.Status.DONE, export.error
    assert "Queued again 1 job(s)" in output
    assert second.returncode == 0, output
