"""Make the renditions that stored images lack (images saved before renditions existed, or
files copied in by hand); `--all` makes every one again, after the sizes change."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import models

from core.images import CheckedImageField
from core.progress import Progress
from core.renditions import make_renditions, missing_renditions


def picture_fields() -> list[tuple[type[models.Model], CheckedImageField]]:
    """Every model field that keeps renditions, in a stable order."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, CheckedImageField) and field.picture_kind is not None
    ]


class Command(BaseCommand):
    help = "Make the missing WebP renditions of every stored poster, photo, avatar and image."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all",
            action="store_true",
            dest="remake",
            help="make every rendition again, not only the missing ones",
        )

    def handle(self, *args: Any, remake: bool, **options: Any) -> None:
        progress = Progress(self.stdout)
        made = failed = 0
        for model, field in picture_fields():
            kind = field.picture_kind
            assert kind is not None
            names = list(
                model._default_manager.exclude(**{field.name: ""})
                .exclude(**{f"{field.name}__isnull": True})
                .order_by()
                .values_list(field.name, flat=True)
                .distinct()
            )
            label = f"{model._meta.label}.{field.name} ({kind.name})"
            with progress.step(label) as update:
                for done, name in enumerate(names, start=1):
                    storage = field.storage
                    widths = kind.widths if remake else missing_renditions(storage, name, kind)
                    if widths:
                        try:
                            made += len(make_renditions(storage, name, kind, widths=widths))
                        except (OSError, ValueError) as exc:  # a missing or unreadable file
                            failed += 1
                            self.stderr.write(f"\n  {name}: {exc}")
                    if done % 25 == 0 or done == len(names):
                        update(f"{done:,} of {len(names):,} images")
        summary = f"Made {made:,} renditions."
        if failed:
            self.stdout.write(self.style.WARNING(f"{summary} {failed:,} images could not be read."))
        else:
            self.stdout.write(self.style.SUCCESS(summary))
