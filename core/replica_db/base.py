"""PostgreSQL for read replicas: Django's own backend, with a deadline on connecting and on
every query (core/deadlines.py), so that a replica that hangs costs a request about
REPLICA_TIMEOUT seconds and is then skipped like a dead one (core/replicas.py).

The replica's own `statement_timeout` (settings) stops a slow query a little before the
deadline, so a replica that answers says so itself; the deadline is for one that cannot.

A kept connection's health check (CONN_HEALTH_CHECKS) waits no longer than the replica
checks do (REPLICA_CHECK_TIMEOUT); one that fails skips the replica, and no connection is
made to a replica while it is skipped: a hung replica costs one wait, not a check, then a
connection, then a query.
"""

from __future__ import annotations

from typing import Any

import psycopg2
from django.conf import settings
from django.db.backends.postgresql import base

from core import deadlines, replicas

# How much longer than its statement timeout a replica is waited for.
GRACE = 0.25


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        params["connection_factory"] = deadlines.within(settings.REPLICA_TIMEOUT + GRACE)
        return params

    def connect(self) -> None:
        if replicas.skipped(self.alias):
            raise psycopg2.OperationalError(f"{self.alias} is skipped for now")
        super().connect()

    def is_usable(self) -> bool:
        if self.connection is None:
            return False
        self.connection.deadline = settings.REPLICA_CHECK_TIMEOUT
        try:
            usable = super().is_usable()
        finally:
            if not self.connection.closed:
                del self.connection.deadline  # the class's own again
        if not usable:
            replicas.skip(self.alias, "a kept connection failed its health check")
        return usable
