"""Fill the database with deterministic synthetic data at a named scale (datagen/scales.json)."""

import io
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from core.progress import Progress
from core.versions import SITE_WIDE, pages_changed
from demo.datagen import Scale, bulk_load, scalar
from demo.datagen.accounts import generate_users
from demo.datagen.comments import generate_comments
from demo.datagen.reviews import generate_opinions
from demo.datagen.titles import generate_catalogue
from demo.titles import load_seed_title
from reviews.member_stats import member_stats_recompute
from reviews.stats import helpfulness_recompute, stats_recompute
from titles.models import Title


def generate_rows(sizes: Scale, progress: Progress, *, hot_title: int) -> None:
    """Every app's synthetic rows, in dependency order, in one transaction."""
    with transaction.atomic(), bulk_load():
        first = generate_catalogue(sizes, progress)
        first_user = generate_users(sizes, progress)
        generate_opinions(
            sizes, progress, users=first_user, titles=first["title"], hot_title=hot_title
        )
        generate_comments(
            sizes, progress, users=first_user, titles=first["title"], hot_title=hot_title
        )


class Command(BaseCommand):
    help = (
        "Generate synthetic data at the 'small' or 'large' scale of demo/datagen/scales.json on "
        'top of the demo data; "1 Litre of Tears" becomes the hot title. Run it on an empty '
        "database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=["small", "large"], default="small")

    def handle(self, *args: Any, scale: str, **options: Any) -> None:
        # The demo catalogue has a few dozen titles; generated ones come by the thousand.
        if Title.objects.count() > 1000:
            raise CommandError("This database already holds generated data; use an empty one.")
        sizes = Scale.named(scale)
        progress = Progress(self.stdout)
        self.stdout.write(f"Generating the {scale} data set…")
        call_command("loaddemo", stdout=io.StringIO())
        hot_title = load_seed_title()

        generate_rows(sizes, progress, hot_title=hot_title.pk)
        with progress.step("statistics and rankings"):
            stats_recompute()
        with progress.step("members' statistics"):
            member_stats_recompute()
        with progress.step("vacuum and analyze"), connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        with progress.step("checking the stored statistics"):
            differences = [
                *stats_recompute(check=True),
                *helpfulness_recompute(check=True),
                *member_stats_recompute(check=True),
            ]
        if differences:
            raise CommandError(f"{len(differences)} stored counts differ after generation.")
        pages_changed(*SITE_WIDE)

        size = scalar("SELECT pg_size_pretty(pg_database_size(current_database()))")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated the {scale} data set in {progress.total():.0f}s; the database "
                f"takes {size}. recompute_stats --check finds no difference."
            )
        )
