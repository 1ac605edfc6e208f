"""What a page tells search engines and chat apps about itself, as the page declares it.

A view that has more to say than the site's defaults puts a `PageMeta` in its context as
`page_meta`, built from objects it already loaded (so metadata adds no query), and a view
whose pages are not to be indexed says so with `not_indexed` or `filtered_by`; a whole app
says it in its urls.py with `not_indexed_urls`. front.metadata renders what the page declared
in base.html's head, with what every page has: its canonical address and the default image.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from django.db.models.fields.files import FieldFile
from django.http import HttpRequest, QueryDict
from django.urls import URLPattern, URLResolver
from django.utils.safestring import SafeString

from . import structured_data as sd

# Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 160

View = TypeVar("View", bound=Callable[..., Any])
# The marks the decorators leave on a view; functools.wraps copies them onto a wrapper.
_NOT_INDEXED = "not_indexed"
_FILTERED_BY = "filtered_by"


@dataclass(frozen=True)
class Image:
    url: str
    alt: str
    width: int | None = None
    height: int | None = None


@dataclass
class PageMeta:
    """The head of a page beyond its <title> and description.

    `title` and `description` are the OpenGraph ones; left empty, sharing falls back on the
    page's <title> and meta description. `canonical` and `noindex` are filled in for every
    page as it is rendered (front.metadata), from its address and its view's marks.
    """

    canonical: str = ""
    noindex: bool = False
    og_type: str = "website"
    title: str = ""
    description: str = ""
    image: Image | None = None
    twitter_card: str = "summary_large_image"
    # More OpenGraph properties, such as article:published_time.
    properties: list[tuple[str, str]] = field(default_factory=list)
    data: list[sd.Data] = field(default_factory=list)

    @property
    def json_ld(self) -> list[SafeString]:
        return [sd.json_ld(item) for item in self.data]

    def dated(self, published: datetime, modified: datetime) -> None:
        """OpenGraph's dates of an article-like page (a review, an article)."""
        self.properties += [
            ("article:published_time", published.isoformat()),
            ("article:modified_time", modified.isoformat()),
        ]


def summary(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """`text` on one line, cut at a word to at most `limit` characters."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-–— ")
    return f"{cut}…"


def upload(request: HttpRequest, file: FieldFile | None, alt: str) -> Image | None:
    """An uploaded picture (a poster, a photo, an avatar) as the page's image, if there is one."""
    return Image(request.build_absolute_uri(file.url), alt) if file else None


def breadcrumbs(request: HttpRequest, *trail: tuple[str, str]) -> sd.Data:
    """The trail down to this page, whose own name comes last with its own address."""
    *above, (name, _) = trail
    return sd.breadcrumb_list([*above, (name, request.path)], request.build_absolute_uri)


def under(request: HttpRequest, parent: tuple[str, str], name: str) -> PageMeta:
    """A page that sits under another, (name, path): a title's cast, a member's reviews."""
    return PageMeta(data=[breadcrumbs(request, parent, (name, ""))])


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
