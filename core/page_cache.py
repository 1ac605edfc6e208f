"""Whole pages for visitors who are not signed in, from the cache, never stale.

A page names the versions it depends on ("titles.title:12", "ratings", "catalogue"…). A write
moves the versions of what it changed, and again when its transaction commits
(`pages_changed`), so the next request makes a new key and renders afresh; nothing waits for
an expiry. A version is a random
token, not a counter: a version evicted from the cache comes back as a new token, which can
only cause a miss. The versions are read before the view reads the database, so a page stored
under a version shows data at least as new as the moment that version was read.

The same versions make the page's ETag: a browser that has the page gets 304 without the page
being rendered. Responses to visitors may be kept for PAGE_CACHE_SECONDS by a shared cache or
CDN; pages for signed-in members are private and never stored.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

VERSION_PREFIX = "page-version:"
PAGE_PREFIX = "page:"
# Site-wide versions: every rating moves RATINGS (lists show scores), every catalogue edit
# CATALOGUE (pages show names, posters, credits), every article NEWS, every comment COMMENTS.
RATINGS = "ratings"
CATALOGUE = "catalogue"
NEWS = "news"
COMMENTS = "comments"
REVIEWS = "reviews"
# Ranked, Popularity and Trending, which `refresh_rankings` moves for many titles at once.
RANKS = "ranks"
# Cookies that change a visitor's page: the colour theme (see front/theme.py).
PAGE_COOKIES = ("theme",)

Depends = Callable[..., Iterable[str]]


def object_version(label: str, pk: int) -> str:
    """The version of one object's pages: its model's label ("titles.title") and its id."""
    return f"{label}:{pk}"


def title_version(title_id: int) -> str:
    return object_version("titles.title", title_id)


def depends_on(*keys: str) -> Depends:
    """For a page that shows only site-wide versions."""
    return lambda request, *args, **kwargs: keys


def pages_changed(*keys: str) -> None:
    """Move the versions of `keys` now, and again once the current transaction commits.

    The move on commit is the guarantee: a page rendered between the two moves, from data
    read before the commit, is stored under a version nobody asks for afterwards. The move
    now lets later reads in the same transaction see the change too.
    """
    if keys:
        _move(keys)
        transaction.on_commit(lambda: _move(keys))


def _move(keys: Iterable[str]) -> None:
    cache.set_many({VERSION_PREFIX + key: secrets.token_hex(8) for key in keys}, timeout=None)


def versions(keys: Iterable[str]) -> list[str]:
    """The current version of each key, made up (and stored) for keys that have none."""
    names = [VERSION_PREFIX + key for key in keys]
    found = cache.get_many(names)
    for name in names:
        if name not in found:
            cache.add(name, secrets.token_hex(8), timeout=None)
            found[name] = cache.get(name)
    return [f"{name}={found[name]}" for name in names]


def cached_for_visitors(depends: Depends) -> Callable:
    """Serve a GET view from the cache to visitors who are not signed in.

    `depends(request, *args, **kwargs)` names the versions the page shows. Pages for members,
    pages carrying one-time messages, and responses other than 200 are never stored.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _cacheable(request):
                response = view(request, *args, **kwargs)
                if request.user.is_authenticated:
                    # A member's page: their own rating, votes and form tokens. Never shared.
                    patch_cache_control(response, private=True, no_cache=True)
                return response
            tag = _etag(request, versions(depends(request, *args, **kwargs)))
            if request.headers.get("If-None-Match") == tag:
                return _for_visitors(HttpResponseNotModified(), tag)
            stored = cache.get(PAGE_PREFIX + tag)
            if stored is not None:
                content, content_type = stored
                response = HttpResponse(content, content_type=content_type)
                response["X-Page-Cache"] = "hit"
                return _for_visitors(response, tag)
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.cookies or response.streaming:
                return response
            cache.set(
                PAGE_PREFIX + tag,
                (response.content, response["Content-Type"]),
                settings.PAGE_CACHE_TTL,
            )
            response["X-Page-Cache"] = "miss"
            return _for_visitors(response, tag)

        return wrapped

    return decorator


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and "HX-Request" not in request.headers  # a part of a page, never the whole
        and not request.user.is_authenticated
        and not _has_messages(request)
    )


def _has_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and len(storage))


def _etag(request: HttpRequest, found: list[str]) -> str:
    """The page's identity: its whole address (pages name themselves in canonical links, so
    the host counts), the visitor's page cookies, the day (relative dates are whole days) and
    the versions it depends on."""
    cookies = [f"{name}={request.COOKIES.get(name, '')}" for name in PAGE_COOKIES]
    day = timezone.localdate().isoformat()
    parts = [request.build_absolute_uri(), *cookies, day, *found]
    return '"' + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32] + '"'


def _for_visitors(response: HttpResponse, tag: str) -> HttpResponse:
    response["ETag"] = tag
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_SECONDS)
    patch_vary_headers(response, ("Cookie",))
    return response
