"""The metadata of a comment thread's page (core.metadata): it sits under what it is about."""

from __future__ import annotations

from django.http import HttpRequest

from core.metadata import PageMeta, under

from .selectors import ThreadDetail


def thread_meta(request: HttpRequest, detail: ThreadDetail) -> PageMeta:
    target = detail.target
    if not hasattr(target, "get_absolute_url"):
        return PageMeta()
    return under(request, (str(target), target.get_absolute_url()), "Comment thread")
