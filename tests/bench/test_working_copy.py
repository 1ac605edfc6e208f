"""Each benchmark run measures a fresh copy of its data set (bench/data.py)."""

import uuid

import psycopg2
import pytest
from django.db import connection
from psycopg2 import sql
from psycopg2.extensions import make_dsn

from bench.data import drop_copy, working_copy


@pytest.fixture
def kept():
    """The kept database's name, one per test: tests run side by side on one server."""
    return f"dramadb_test_kept_{uuid.uuid4().hex[:12]}"


@pytest.fixture
def server(django_db_setup, django_db_blocker, kept):
    """A libpq connection string for the server the suite runs on, and a kept database on it."""
    with django_db_blocker.unblock():
        params = connection.get_connection_params()
        keys = ("host", "port", "user", "password")
        dsn = make_dsn(**{key: params[key] for key in keys if params.get(key)})
        _run(dsn, "postgres", sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)"), kept)
        _run(dsn, "postgres", sql.SQL("CREATE DATABASE {}"), kept)
        _run(dsn, kept, sql.SQL("CREATE TABLE {} (word text); INSERT INTO kept VALUES ('made')"),
             "kept")  # fmt: skip
        yield dsn
        for name in (f"{kept}_run", kept):
            _run(dsn, "postgres", sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)"), name)


def _run(dsn: str, database: str, statement: sql.SQL, name: str) -> list[tuple]:
    conn = psycopg2.connect(dsn, dbname=database)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(statement.format(sql.Identifier(name)))
            return cur.fetchall() if cur.description else []
    finally:
        conn.close()


def test_a_run_starts_from_the_kept_data_whatever_the_last_run_wrote(server, kept):
    copy, seconds = working_copy(server, kept)
    assert copy == f"{kept}_run"
    assert seconds >= 0
    _run(server, copy, sql.SQL("INSERT INTO {} VALUES ('written by a run')"), "kept")

    copy, _ = working_copy(server, kept)

    assert _run(server, copy, sql.SQL("SELECT word FROM {}"), "kept") == [("made",)]
    assert _run(server, kept, sql.SQL("SELECT word FROM {}"), "kept") == [("made",)]


def test_the_copy_is_dropped_after_the_run(server, kept):
    copy, _ = working_copy(server, kept)
    drop_copy(server, kept)
    with psycopg2.connect(server, dbname="postgres") as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [copy])
        assert cur.fetchone() == (0,)
    conn.close()
