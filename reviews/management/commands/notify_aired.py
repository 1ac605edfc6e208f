"""Tell the members watching a title that one of its episodes aired (run once a day)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from reviews.notices import episode_aired
from titles.models import Episode


class Command(BaseCommand):
    help = "Notify the members watching each title whose episode airs on the day (today)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=date.fromisoformat, help="the day, YYYY-MM-DD")

    def handle(self, *args: Any, date: date | None = None, **options: Any) -> None:
        day = date or timezone.localdate()
        episodes = list(Episode.objects.filter(air_date=day).select_related("title"))
        told = 0
        for done, episode in enumerate(episodes, start=1):
            told += episode_aired(episode)
            self.stdout.write(f"{done} of {len(episodes)} episodes: {episode.title}, "
                              f"episode {episode.number}")  # fmt: skip
        self.stdout.write(self.style.SUCCESS(f"{told:,} members told of {len(episodes)} episodes."))
