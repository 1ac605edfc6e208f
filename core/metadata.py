"""What a page tells search engines about itself, as the page declares it.

A view whose pages are not to be indexed says so with `not_indexed` or `filtered_by`; a whole
app says it in its urls.py with `not_indexed_urls`. front.metadata renders it in base.html's
head.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.http import QueryDict
from django.urls import URLPattern, URLResolver

View = TypeVar("View", bound=Callable[..., Any])
# The marks the decorators leave on a view; functools.wraps copies them onto a wrapper.
_NOT_INDEXED = "not_indexed"
_FILTERED_BY = "filtered_by"


def not_indexed(view: View) -> View:
    """Search engines are not to index the view's pages: forms, searches, accounts."""
    setattr(view, _NOT_INDEXED, True)
    return view


def filtered_by(*parameters: str) -> Callable[[View], View]:
    """The query `parameters` sort or filter the view's listing: with any of them set, the
    page repeats its canonical listing in another order or in part, so it is not indexed.
    Any other parameter (but `page`) is left out of the canonical address without more ado."""

    def mark(view: View) -> View:
        setattr(view, _FILTERED_BY, frozenset(parameters))
        return view

    return mark


def not_indexed_urls(patterns: Sequence[URLPattern | URLResolver]) -> None:
    """Every view of `patterns` (a whole app's, in its urls.py) `not_indexed`."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            not_indexed_urls(pattern.url_patterns)
        else:
            not_indexed(pattern.callback)


def is_indexed(view: Callable[..., Any], query: QueryDict) -> bool:
    """Whether a page that `view` answered with `query` is to be indexed, by the view's marks."""
    if getattr(view, _NOT_INDEXED, False):
        return False
    return not any(query.get(name) for name in getattr(view, _FILTERED_BY, ()))
