"""Django's `migrate`, one run at a time per database.

Several app servers starting at once (`make serve` migrates first) would otherwise apply the
same new migration together, and all but one would fail. Each run holds a PostgreSQL
advisory lock on its database until it ends; the next run waits, then finds nothing left to
apply.
"""

import time
from typing import Any

from django.core.management.commands import migrate
from django.db import connections

# Advisory locks are per database; this number is taken by nothing else of the site.
LOCK = 0x6D696772  # "migr"
# The wait is a try every so often, never one statement that blocks: a waiting statement
# would hold up the CREATE INDEX CONCURRENTLY of the run it waits for (PostgreSQL then
# reports a deadlock).
RETRY_SECONDS = 0.5


class Command(migrate.Command):
    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        told = False
        while not self._try_lock(connection):
            if not told and options["verbosity"] > 0:
                self.stdout.write("Waiting for another migrate of this database to finish…")
                told = True
            time.sleep(RETRY_SECONDS)
        try:
            super().handle(*args, **options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK])

    @staticmethod
    def _try_lock(connection: Any) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK])
            return bool(cursor.fetchone()[0])
