"""Saves in the admin move the versions of the pages that show what was saved.

The site's own writes go through services, which move their pages' versions
(core/versions.py `pages_changed`); an editor's or moderator's save in the admin goes
through the ModelAdmin instead. A ModelAdmin whose objects appear on cached pages takes
`MovesPages` and names those pages' versions in `pages_of`, so the next visit of every such
page shows the change, as for any other write. Its inlines are saved in the same transaction,
and the versions move again when it commits, so they are covered too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from core.versions import pages_changed


class MovesPages:
    """For a ModelAdmin (listed before it among the bases)."""

    def pages_of(self, obj: Any) -> Iterable[str]:
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        pages_changed(*self.pages_of(obj))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        pages = list(self.pages_of(obj))
        super().delete_model(request, obj)  # type: ignore[misc]
        pages_changed(*pages)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        pages = {page for obj in queryset for page in self.pages_of(obj)}
        super().delete_queryset(request, queryset)  # type: ignore[misc]
        pages_changed(*pages)
