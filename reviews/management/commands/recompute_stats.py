"""Rebuild every title's statistics from the rows, or (--check) only report drift."""

from django.core.management.base import BaseCommand, CommandError

from reviews.stats import stats_recompute


class Command(BaseCommand):
    help = (
        "Recompute every title's stored statistics (ratings, histogram, watchers) from the "
        "list entries, then refresh the rankings. With --check, change nothing: print each "
        "difference and exit non-zero if there is any."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true", help="report differences only")

    def handle(self, *args, check: bool, **options) -> None:
        differences = stats_recompute(check=check)
        for difference in differences:
            self.stdout.write(
                f"title {difference.title_id}: stored {difference.stored} "
                f"!= actual {difference.actual}"
            )
        if check and differences:
            raise CommandError(f"{len(differences)} title(s) have statistics that differ.")
        verb = "differ" if check else "were corrected"
        self.stdout.write(
            self.style.SUCCESS(f"{len(differences)} title(s) {verb}; the rest were already true.")
        )
