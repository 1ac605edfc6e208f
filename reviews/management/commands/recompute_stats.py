"""Rebuild every title's and member's statistics from the rows, or (--check) only report
drift."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reviews.member_stats import member_stats_recompute
from reviews.stats import helpfulness_recompute, stats_recompute


class Command(BaseCommand):
    help = (
        "Recompute every title's stored statistics (ratings, histogram, watchers, reviews), "
        "every review's helpful counts and every member's statistics from the rows, then "
        "refresh the rankings. With "
        "--check, change nothing: print each difference and exit non-zero if there is any."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="report differences only")

    def handle(self, *args: str, check: bool, **options: object) -> None:
        titles = stats_recompute(check=check)
        for title_diff in titles:
            self.stdout.write(
                f"title {title_diff.title_id}: stored {title_diff.stored} "
                f"!= actual {title_diff.actual}"
            )
        reviews = helpfulness_recompute(check=check)
        for review_diff in reviews:
            self.stdout.write(
                f"review {review_diff.review_id}: stored helpful/total {review_diff.stored} "
                f"!= actual {review_diff.actual}"
            )
        members = member_stats_recompute(check=check)
        for user_id in members:
            self.stdout.write(f"member {user_id}: stored statistics differ from their list")
        summary = f"{len(titles)} title(s), {len(reviews)} review(s) and {len(members)} member(s)"
        if check and (titles or reviews or members):
            raise CommandError(f"{summary} have stored counts that differ from the rows.")
        verb = "differ" if check else "were corrected"
        self.stdout.write(self.style.SUCCESS(f"{summary} {verb}; the rest were already true."))
