"""PostgreSQL for read replicas: Django's own backend, with a deadline on connecting and on
every query (core/deadlines.py), so that a replica that hangs costs a request about
REPLICA_TIMEOUT seconds and is then skipped like a dead one (core/replicas.py).

The replica's own `statement_timeout` (settings) stops a slow query a little before the
deadline, so a replica that answers says so itself; the deadline is for one that cannot.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.backends.postgresql import base

from core import deadlines

# How much longer than its statement timeout a replica is waited for.
GRACE = 0.25


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        params["connection_factory"] = deadlines.within(settings.REPLICA_TIMEOUT + GRACE)
        return params
