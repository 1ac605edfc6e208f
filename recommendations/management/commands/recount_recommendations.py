"""Audit the recommendation counters against their rows, or (without --check) correct them."""

from django.core.management.base import BaseCommand, CommandError

from recommendations.counts import recommendation_counts_recompute


class Command(BaseCommand):
    help = (
        "Compare every recommendation's votes and reasons counts, and every title's number of "
        "recommendations, with the rows; correct them, or with --check only report and exit "
        "non-zero on any difference."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true", help="report differences only")

    def handle(self, *args, check: bool, **options) -> None:
        differences = recommendation_counts_recompute(check=check)
        for d in differences:
            self.stdout.write(f"{d.what} count of {d.id}: stored {d.stored} != actual {d.actual}")
        if check and differences:
            raise CommandError(f"{len(differences)} counter(s) differ from their rows.")
        verb = "differ" if check else "were corrected"
        self.stdout.write(
            self.style.SUCCESS(f"{len(differences)} counter(s) {verb}; the rest were already true.")
        )
