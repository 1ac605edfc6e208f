"""Rebuild "People who liked this also liked" for every title.

Run it nightly (cron, a systemd timer or a scheduled job): title pages only read the stored
table, so no page view ever computes similarities. See recommendations/similar.py for the method.
"""

from django.core.management.base import BaseCommand

from recommendations.similar import similar_titles_compute


class Command(BaseCommand):
    help = (
        "Recompute every title's similar titles from the users' scores (titles that the same "
        "users score highly) and store them for the title pages."
    )

    def handle(self, *args, **options) -> None:
        def progress(message: str) -> None:
            self.stdout.write(f"  {message}")
            self.stdout.flush()

        self.stdout.write("Computing similar titles…")
        result = similar_titles_compute(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Stored {result.rows:,} similar titles for {result.titles:,} titles in "
                f"{result.seconds:.1f}s."
            )
        )
