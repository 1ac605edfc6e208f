"""Audit comments' like counts against their rows, or (without --check) correct them."""

from django.core.management.base import BaseCommand, CommandError

from comments.counts import like_counts_recompute


class Command(BaseCommand):
    help = (
        "Compare each comment's like count with its likes; correct the counts, or with --check "
        "only report and exit non-zero on any difference."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true", help="report differences only")

    def handle(self, *args, check: bool, **options) -> None:
        differences = like_counts_recompute(check=check)
        for d in differences:
            self.stdout.write(f"comment {d.id}: stored {d.stored} != actual {d.actual}")
        if check and differences:
            raise CommandError(f"{len(differences)} count(s) differ from their rows.")
        verb = "differ" if check else "were corrected"
        self.stdout.write(
            self.style.SUCCESS(f"{len(differences)} count(s) {verb}; the rest were already true.")
        )
