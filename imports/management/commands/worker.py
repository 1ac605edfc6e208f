"""Run the job queue: first queue again the jobs a stopped worker left unfinished, then run
jobs as they come (django-tasks-db's `db_worker`, with its options)."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from imports import jobs


class Command(BaseCommand):
    help = "Run queued jobs (imports, exports) after queueing again any a stopped worker left."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="run what is queued, then stop")
        parser.add_argument("--interval", type=float, default=1.0,
                            help="seconds between looks at an empty queue")  # fmt: skip

    def handle(self, *args: Any, batch: bool, interval: float, **options: Any) -> None:
        if requeued := jobs.requeue_stalled():
            self.stdout.write(f"Queued again {requeued} job(s) a stopped worker left unfinished.")
        worker_options: dict[str, Any] = {"interval": interval, "reload": False,
                                          "startup_delay": False}  # fmt: skip
        if batch:
            worker_options["batch"] = True
        call_command("db_worker", verbosity=options["verbosity"], **worker_options)
