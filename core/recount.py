"""The audit commands of stored counters (`recount_favorites`, `recount_recommendations`,
`recount_comment_likes`): each compares its counts with their rows, prints every difference,
and with --check exits non-zero on any; without it, the counts are corrected."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class RecountCommand(BaseCommand):
    """Set `recompute` (check: bool → the differences), `describe` (one difference → its line)
    and `noun` ("count" or "counter") in a command's subclass."""

    recompute: Callable[..., Sequence[Any]]
    noun = "count"

    def describe(self, difference: Any) -> str:
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="report differences only")

    def handle(self, *args: Any, check: bool, **options: Any) -> None:
        differences = type(self).recompute(check=check)
        for difference in differences:
            self.stdout.write(self.describe(difference))
        if check and differences:
            raise CommandError(f"{len(differences)} {self.noun}(s) differ from their rows.")
        verb = "differ" if check else "were corrected"
        self.stdout.write(self.style.SUCCESS(
            f"{len(differences)} {self.noun}(s) {verb}; the rest were already true."
        ))  # fmt: skip
