"""What every page tells search engines and chat apps about itself, as base.html renders it.

`{% page_metadata as page_meta %}` in base.html calls `page_metadata` with the page's template
context. The page declares its own metadata in its app (core.metadata): its view puts a
`PageMeta` in the context as `page_meta` and marks itself `not_indexed` or `filtered_by`.
Here every page gets what the site gives all of them: its canonical address, whether it is
indexed, and the site's image when the page has none of its own.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static

from core.metadata import Image, PageMeta, is_indexed
from core.pagination import parse_page_number

SITE_DESCRIPTION = "Dramas, films and the people who make them: ratings, reviews and talk."
DEFAULT_IMAGE = "img/og-default.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
DEFAULT_ALT = (
    f"The {settings.SITE_NAME} logo beside its motto: dramas, films and the people who make them"
)


def canonical_url(request: HttpRequest) -> str:
    """The page's own address: its path, and the page number of a list past the first."""
    query = ""
    if (number := parse_page_number(request.GET.get("page"))) > 1:
        query = "?" + urlencode({"page": number})
    return request.build_absolute_uri(request.path + query)


def is_noindex(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is None:
        return True  # no page lives here: an error page
    return not is_indexed(match.func, request.GET)


def page_metadata(context: Any) -> PageMeta:
    """The metadata of the page being rendered with template `context`."""
    request: HttpRequest | None = context.get("request")
    if request is None:  # the 500 and 503 pages are rendered without one
        return PageMeta(noindex=True)
    declared = context.get("page_meta")
    meta = replace(
        declared if isinstance(declared, PageMeta) else PageMeta(),
        canonical=canonical_url(request),
        noindex=is_noindex(request),
    )
    if meta.image is None:
        width, height = DEFAULT_IMAGE_SIZE
        meta.image = Image(
            request.build_absolute_uri(static(DEFAULT_IMAGE)), DEFAULT_ALT, width, height
        )
    return meta
