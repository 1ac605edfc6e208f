"""Several processes setting up at once, as app servers starting together do: each creates
the embedded database it names if missing, and `make serve` migrates before serving."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from psycopg2 import sql

from core.embedded_db import embedded_database_url

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_name():
    """A database name nobody uses, dropped afterwards."""
    name = f"dramadb_setup_{secrets.token_hex(4)}"
    yield name
    server = embedded_database_url(Path(settings.VAR_DIR), "postgres")
    connection = psycopg2.connect(server)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
    connection.close()


def at_once(command: list[str], env: dict[str, str], count: int = 2) -> list[str]:
    """Start `count` copies of `command` together; the error output of those that failed."""
    processes = [
        subprocess.Popen(
            [sys.executable, *command],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    failures = []
    for process in processes:
        _, errors = process.communicate(timeout=300)
        if process.returncode != 0:
            failures.append(errors[-2000:])
    return failures


def embedded_env(name: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return env | {"DRAMADB_DB_NAME": name}


def test_processes_creating_the_same_database_at_once_all_succeed(fresh_name):
    code = (
        "from pathlib import Path; from core.embedded_db import embedded_database_url;"
        f"embedded_database_url(Path({str(settings.VAR_DIR)!r}), {fresh_name!r})"
    )
    assert at_once(["-c", code], embedded_env(fresh_name), count=3) == []


def test_two_migrations_at_once_both_succeed(fresh_name):
    # The database exists first, so that only the migrations race.
    embedded_database_url(Path(settings.VAR_DIR), fresh_name)
    assert at_once(["manage.py", "migrate", "-v0"], embedded_env(fresh_name)) == []
