import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from core.embedded_db import _prune_dead_handles

ROOT = Path(__file__).resolve().parents[2]


def run_django(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run `code` after django.setup() with the project's settings, in a fresh process."""
    setup = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'dramadb.settings'; "
    setup += "django.setup(); from django.db import connection; "
    return subprocess.run(
        [sys.executable, "-c", setup + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


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


@pytest.mark.django_db
def test_with_database_url_set_no_embedded_server_is_started(tmp_path):
    # The embedded server's address is known once this process has connected to it.
    db = settings.DATABASES["default"]
    host = db["HOST"] or db["OPTIONS"].get("host", "")
    url = f"postgresql://{db['USER']}:@/{db['NAME']}?host={host}" if host.startswith("/") else None
    assert url, "the test expects the embedded server's Unix socket"
    env = {**os.environ, "DATABASE_URL": url, "DRAMADB_VAR_DIR": str(tmp_path / "var")}
    result = run_django(
        "connection.ensure_connection(); print(connection.settings_dict['NAME'])", env
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == db["NAME"]
    assert not (tmp_path / "var" / "postgres").exists()


@pytest.mark.parametrize("value", ["12", "²", "١٢", "9" * 30, "", None, "-3"])
def test_ids_from_requests_are_plain_ascii_digits_of_sane_length(value):
    from core.http import parse_id

    assert parse_id(value) == (12 if value == "12" else None)


def test_loading_the_settings_and_the_apps_starts_no_server(tmp_path):
    # The backend starts the server on the first connection; describing the database does not.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DRAMADB_VAR_DIR"] = str(tmp_path / "var")
    result = run_django(
        "print(connection.settings_dict['ENGINE'], connection.settings_dict['NAME'])", env
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["core.embedded_db", "dramadb"]
    assert not (tmp_path / "var" / "postgres").exists()


def test_dbshell_reaches_the_embedded_server():
    result = subprocess.run(
        [sys.executable, "manage.py", "dbshell", "--", "-At", "-c", "SELECT 6 * 7"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "42"
