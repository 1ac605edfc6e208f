"""Queue the daily e-mail digest of every member who asked for one (run it once a day)."""

from typing import Any

from django.core.management.base import BaseCommand

from social.digest import members_due
from social.tasks import send_digest


class Command(BaseCommand):
    help = "Queue a digest mail for each member who asked for one and has unread notifications."

    def handle(self, *args: Any, **options: Any) -> None:
        due = members_due()
        for done, user_id in enumerate(due, start=1):
            send_digest.enqueue(user_id)
            if done % 1000 == 0:
                self.stdout.write(f"{done:,} of {len(due):,} queued")
        self.stdout.write(f"{len(due):,} digest{'s' if len(due) != 1 else ''} queued.")
