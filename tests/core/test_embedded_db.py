import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from core.embedded_db import _prune_dead_handles

ROOT = Path(__file__).resolve().parents[2]


def test_dead_processes_are_pruned_from_the_server_handles(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    handles = tmp_path / ".handle_pids.json"
    handles.write_text(json.dumps([os.getpid(), dead.pid]))

    _prune_dead_handles(tmp_path)

    assert json.loads(handles.read_text()) == [os.getpid()]


@pytest.mark.parametrize("damaged", ["", "[1, 2", "{}"])
def test_a_damaged_list_of_server_users_is_repaired(tmp_path, damaged):
    handles = tmp_path / ".handle_pids.json"
    handles.write_text(damaged)

    _prune_dead_handles(tmp_path)

    assert json.loads(handles.read_text()) == []


def test_with_database_url_set_no_embedded_server_is_started(tmp_path):
    db = settings.DATABASES["default"]
    host = db["HOST"] or db["OPTIONS"].get("host", "")
    url = f"postgresql://{db['USER']}:@/{db['NAME']}?host={host}" if host.startswith("/") else None
    assert url, "the test expects the embedded server's Unix socket"
    env = {**os.environ, "DATABASE_URL": url, "DRAMADB_VAR_DIR": str(tmp_path / "var")}
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'dramadb.settings'; "
        "django.setup(); from django.db import connection; "
        "connection.ensure_connection(); print(connection.settings_dict['NAME'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == db["NAME"]
    assert not (tmp_path / "var" / "postgres").exists()


@pytest.mark.parametrize("value", ["12", "²", "١٢", "9" * 30, "", None, "-3"])
def test_ids_from_requests_are_plain_ascii_digits_of_sane_length(value):
    from core.http import parse_id

    assert parse_id(value) == (12 if value == "12" else None)
