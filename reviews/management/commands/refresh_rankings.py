"""Recompute weighted scores, Ranked and Popularity for the whole catalogue.

Run it every few minutes (cron, a systemd timer or a scheduled job): the title page only
reads the stored ranks, so no page view ever sorts the catalogue.
"""

from time import monotonic

from django.core.management.base import BaseCommand

from reviews.stats import rankings_refresh


class Command(BaseCommand):
    help = "Recompute every title's weighted score, rank and popularity."

    def handle(self, *args: str, **options: object) -> None:
        started = monotonic()
        rankings_refresh()
        self.stdout.write(
            self.style.SUCCESS(f"Rankings refreshed in {monotonic() - started:.2f}s.")
        )
