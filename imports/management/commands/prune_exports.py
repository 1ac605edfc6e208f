from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from imports.services import export_prune


class Command(BaseCommand):
    help = "Remove members' exports older than EXPORT_KEEP_DAYS, files and all (for cron)."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = export_prune()
        self.stdout.write(
            f"Removed {removed} export(s) older than {settings.EXPORT_KEEP_DAYS} days."
        )
