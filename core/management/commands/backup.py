from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from core.backup import backup_write


class Command(BaseCommand):
    help = "Write a backup of the database (pg_dump custom format), by default in var/backups/."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", help="the file to write")

    def handle(self, *args: Any, path: str | None, **options: Any) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        target = Path(path) if path else Path(settings.VAR_DIR) / "backups" / f"{stamp}.dump"
        backup_write(path=target)
        size = target.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Wrote {target} ({size:,} bytes)."))
