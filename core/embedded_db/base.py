"""PostgreSQL backend that starts the embedded server on the first connection.

Settings only name this backend and the data folder; the server starts (or is joined) when a
process first needs a connection, and the last process using it stops it on exit.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import dj_database_url
from django.conf import settings
from django.db.backends.postgresql import base, client

from . import embedded_database_url


@functools.cache
def _server_params(var_dir: Path, name: str) -> dict[str, Any]:
    parsed = dj_database_url.parse(embedded_database_url(var_dir, name))
    # The server listens on a Unix socket, which the URL gives as a `host` option; as HOST it
    # also reaches `dbshell` and every other tool that reads the settings.
    return {
        "HOST": parsed["HOST"] or parsed["OPTIONS"].get("host", ""),
        "PORT": parsed["PORT"],
        "USER": parsed["USER"],
        "PASSWORD": parsed["PASSWORD"],
    }


class DatabaseClient(client.DatabaseClient):
    def runshell(self, parameters: Iterable[str]) -> None:
        # `dbshell` reads the server's address from the settings without connecting first.
        self.connection.get_connection_params()
        super().runshell(parameters)


class DatabaseWrapper(base.DatabaseWrapper):
    client_class = DatabaseClient

    def get_connection_params(self) -> dict[str, Any]:
        # The database named in settings is created on the server if it is missing; other
        # names (Django's "postgres" maintenance database, the test database) are Django's.
        self.settings_dict.update(
            _server_params(Path(settings.VAR_DIR), settings.EMBEDDED_DATABASE_NAME)
        )
        return super().get_connection_params()
