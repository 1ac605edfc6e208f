"""Recompute weighted scores, Ranked and Popularity for the whole catalogue.

Run it every few minutes (cron, a systemd timer or a scheduled job), or keep it running with
`--every SECONDS` (what `make run` does, every 30 seconds): the title page only reads the
stored ranks, so no page view ever sorts the catalogue.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import InterfaceError, OperationalError, connection

from reviews.stats import rankings_refresh


class Command(BaseCommand):
    help = "Recompute every title's weighted score, rank and popularity."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=float, metavar="SECONDS", help="keep refreshing, this often"
        )
        parser.add_argument(
            "--runs", type=int, default=0, help="with --every: stop after this many (0: never)"
        )

    def handle(self, *args: Any, every: float | None, runs: int, **options: Any) -> None:
        done = 0
        while True:
            started = time.monotonic()
            try:
                rankings_refresh()
            except (OperationalError, InterfaceError) as error:
                if every is None:
                    raise
                # Kept running, it outlives a database restart: try again next time.
                self.stderr.write(f"Rankings not refreshed, the database is away: {error}")
                connection.close()
            else:
                self.stdout.write(f"Rankings refreshed in {time.monotonic() - started:.2f}s.")
            done += 1
            if every is None or done == runs:
                return
            time.sleep(every)
