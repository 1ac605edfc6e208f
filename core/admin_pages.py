"""Saves in the admin move the versions of the pages that show what was saved.

The site's own writes go through services, which move their pages' versions
(core/page_cache.py `pages_changed`); an editor's or moderator's save in the admin goes
through the ModelAdmin instead. A ModelAdmin whose objects appear on cached pages takes
`MovesPages` and names those pages' versions in `pages_of`, so the next visit of every such
page shows the change, as for any other write.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.forms import ModelForm
from django.http import HttpRequest

from core.page_cache import pages_changed


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
