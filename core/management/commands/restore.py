from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.backup import backup_restore


class Command(BaseCommand):
    help = "Replace the database's contents with a backup written by `backup`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the backup file to restore")
        parser.add_argument(
            "--database", help="restore into this database on the same server instead"
        )

    def handle(self, *args: Any, path: str, database: str | None, **options: Any) -> None:
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"No backup at {source}.")
        backup_restore(path=source, database=database)
        if database is None:
            # Stored pages, page versions and members' rows kept in the cache all describe the
            # data before the restore: the site starts from an empty cache instead.
            cache.clear()
        self.stdout.write(self.style.SUCCESS(f"Restored {source}."))
