"""Rebuild every title's statistics from the rows, or (--check) only report drift."""

from django.core.management.base import BaseCommand, CommandError

from reviews.stats import helpfulness_recompute, stats_recompute


class Command(BaseCommand):
    help = (
        "Recompute every title's stored statistics (ratings, histogram, watchers, reviews) "
        "and every review's helpful counts from the rows, then refresh the rankings. With "
        "--check, change nothing: print each difference and exit non-zero if there is any."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true", help="report differences only")

    def handle(self, *args, check: bool, **options) -> None:
        titles = stats_recompute(check=check)
        for difference in titles:
            self.stdout.write(
                f"title {difference.title_id}: stored {difference.stored} "
                f"!= actual {difference.actual}"
            )
        reviews = helpfulness_recompute(check=check)
        for difference in reviews:
            self.stdout.write(
                f"review {difference.review_id}: stored helpful/total {difference.stored} "
                f"!= actual {difference.actual}"
            )
        summary = f"{len(titles)} title(s) and {len(reviews)} review(s)"
        if check and (titles or reviews):
            raise CommandError(f"{summary} have stored counts that differ from the rows.")
        verb = "differ" if check else "were corrected"
        self.stdout.write(self.style.SUCCESS(f"{summary} {verb}; the rest were already true."))
