"""Pages from the cache, never stale, for visitors and members alike.

A page names the versions it depends on ("titles.title:12", "ratings", "catalogue"…). A write
moves the versions of what it changed, and again when its transaction commits
(`pages_changed`), so the next request makes a new key and renders afresh; nothing waits for
an expiry. A version is a random token, not a counter: a version evicted from the cache comes
back as a new token, which can only cause a miss. The versions are read before the view reads
the database, so a page stored under a version shows data at least as new as the moment that
version was read.

A page is stored as everybody sees it, with marks where the viewer's own parts go
(core/personal.py): a member's request fills in only those. Visitors' pages are stored filled.

A page is keyed on the query parameters it declares it reads, and rendered from a request
that carries only those: any other parameter (a tracker's, a crawler's, an attacker's) is the
same page, not one more entry. Likewise a page cookie counts only with a value that changes
the page.

The same versions make a visitor's ETag: a browser that has the page gets 304 without the
page being rendered. Responses to visitors may be kept for PAGE_CACHE_SECONDS by a shared
cache or CDN, and so set no cookie: one that must (Django replacing a form-token cookie it
cannot read) is private, as pages for signed-in members are, and never kept outside the site.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from collections.abc import Callable, Collection, Iterable, Iterator
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, QueryDict
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

from core import personal, replicas, worker_memory
from core.pagination import parse_page_number
from core.worker_memory import stored

VERSION_PREFIX = "page-version:"
# Moved with every version, so that a worker can answer versions from memory while it stands
# (core/worker_memory.py).
GENERATION = VERSION_PREFIX + "*"
# Pages as everybody shares them, with marks for the viewer's own parts; and as visitors
# see them, filled in.
SHARED_PREFIX = "page:shared:"
VISITOR_PREFIX = "page:visitor:"
# Site-wide versions: every rating moves RATINGS (lists show scores), every catalogue edit
# CATALOGUE (pages show names, posters, credits), every article NEWS, every comment COMMENTS.
RATINGS = "ratings"
CATALOGUE = "catalogue"
NEWS = "news"
COMMENTS = "comments"
REVIEWS = "reviews"
# Ranked, Popularity and Trending, which `refresh_rankings` moves for many titles at once.
RANKS = "ranks"
# The computed similar titles, which `compute_similar` rebuilds for every title at once.
SIMILAR = "similar"
# Members' names and avatars, beside everything they write: pages that show members name it,
# and a change to a member's name, avatar or biography moves it.
MEMBERS = "members"
# The query parameters that number the pages of a list: the title page numbers its comments.
PAGE_NUMBERS = frozenset({"page", "cpage"})
# Every site-wide version: a bulk load (the demo data) moves them all.
SITE_WIDE = (RATINGS, CATALOGUE, NEWS, COMMENTS, REVIEWS, RANKS, SIMILAR, MEMBERS)
# Not a page's: who holds which permission (accounts/backends.py keeps the sets under it).
PERMISSIONS = "permissions"
# Cookies that change a visitor's page, with the values that do: the colour theme (front/theme.py
# takes its choices from here). Any other value is the page without the cookie.
PAGE_COOKIES: dict[str, frozenset[str]] = {"theme": frozenset({"light", "dark"})}

Depends = Callable[..., Iterable[str]]


def object_version(label: str, pk: int, aspect: str = "") -> str:
    """The version of one object's pages: its model's label ("titles.title") and its id; or,
    with an `aspect` ("comments"), of the parts of its pages that show that (core/part_cache.py).
    Moving an aspect's version moves the object's too (`pages_changed`)."""
    return f"{label}:{pk}/{aspect}" if aspect else f"{label}:{pk}"


def title_version(title_id: int, aspect: str = "") -> str:
    return object_version("titles.title", title_id, aspect)


def depends_on(*keys: str) -> Depends:
    """For a page that shows only site-wide versions."""
    return lambda request, *args, **kwargs: keys


def pages_changed(*keys: str) -> None:
    """Move the versions of `keys` now, and again once the current transaction commits.

    The move on commit is the guarantee: a page rendered between the two moves, from data
    read before the commit, is stored under a version nobody asks for afterwards. The move
    now lets later reads in the same transaction see the change too.

    With read replicas, each version names the primary's WAL position when it moved, and a
    page rendered for it is read from a replica that has replayed that far (core/replicas.py):
    a version moved before the commit still promises everything committed before it, so a
    page rendered while the write waits is never older than the last commit.

    An aspect's version ("titles.title:12/comments") moves its object's ("titles.title:12")
    with it: every page showing the object is made again, from parts that did not change.
    """
    keys = tuple(dict.fromkeys(k for key in keys for k in (key, key.partition("/")[0])))
    if keys:
        _move(keys, replicas.written_position())
        transaction.on_commit(lambda: _move(keys, replicas.written_position()))


def _move(keys: Iterable[str], written: int | None = None) -> None:
    tokens = {VERSION_PREFIX + key: _token(written) for key in keys}
    for lifetime in {_lifetime(name) for name in tokens}:
        group = {name: token for name, token in tokens.items() if _lifetime(name) == lifetime}
        cache.set_many(group, timeout=lifetime)
    # After the versions: a worker that still reads the old generation reads as if just
    # before this move.
    cache.set(GENERATION, secrets.token_hex(8), timeout=None)


def _lifetime(key: str) -> int | None:
    """How long a version is kept: for good, but an aspect's (`object_version`) as long as a
    stored page at most. Every title read has several aspects; those of titles nobody reads
    or writes for a day go, and come back as new tokens, which only causes a miss."""
    return settings.PAGE_CACHE_TTL if "/" in key else None


def _token(written: int | None) -> str:
    token = secrets.token_hex(8)
    return token if written is None else f"{token}@{written}"


def newest_write(current: list[str]) -> int:
    """The newest WAL position the versions name: what a page rendered for them must see."""
    return max((int(v.rpartition("@")[2]) for v in current if "@" in v), default=0)


def versions(keys: Iterable[str]) -> list[str] | None:
    """The current version of each key, made up (and stored) for keys that have none; None
    when the cache keeps none just now (Redis away: core/redis_cache.py), and nothing may be
    stored or read under them.

    A made-up version names the primary's WAL position now (with replicas): the page could
    show anything written before it.
    """
    names = [VERSION_PREFIX + key for key in keys]
    if (generation := _made_up(GENERATION, secrets.token_hex(8))) is None:
        return None
    known = _memo.under(generation)
    if missing := [name for name in names if name not in known]:
        found = cache.get_many(missing)
        for name in missing:
            if name not in found:
                found[name] = _made_up(name, _token(replicas.written_position()))
                if found[name] is None:
                    return None
        known.update(found)
    return [f"{name}={known[name]}" for name in names]


_memo = worker_memory.VersionMemo()


def forget_versions() -> None:
    """Read every version from the cache again, as a new worker does."""
    _memo.clear()


def _made_up(name: str, token: str) -> str | None:
    """The entry `name`, stored as `token` if there is none; None if the cache keeps none."""
    if (found := cache.get(name)) is None:
        cache.add(name, token, timeout=_lifetime(name))
        found = cache.get(name)
    return found


def cached_page(
    depends: Depends, *, reads: Collection[str] = (), fragments: bool = False
) -> Callable:
    """Serve a GET view from the cache, rendered once for everybody.

    `depends(request, *args, **kwargs)` names the versions the page shows; `reads` names the
    query parameters the view reads. The page is keyed on those and rendered without any
    other, so a parameter the view does not know can neither change it nor store another.
    The view renders the page as a visitor sees it, with marks where each viewer's own parts
    go (core/personal.py); that page is stored, and each request fills in its viewer's parts.
    Visitors' filled pages are stored too, so a visitor's request renders nothing.

    Members with permissions (moderators see hidden comments, editors edit links) get pages
    rendered for them alone, and so do requests carrying one-time messages; responses other
    than 200 are never stored. An htmx request asks for a part of a page, which the page's
    address does not name, so it is rendered afresh; unless the view serves nothing but
    fragments (`fragments`: the header's search suggestions), whose addresses name them.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            member = request.user.is_authenticated
            if not _shared(request, fragments):
                response = view(request, *args, **kwargs)
                return _private(response) if member else response
            with _reading_only(request, reads):
                return _shared_page(view, depends, request, *args, **kwargs)

        return wrapped

    return decorator


def _shared_page(view: Callable[..., HttpResponse], depends: Depends, request: HttpRequest,
                 *args: Any, **kwargs: Any) -> HttpResponse:  # fmt: skip
    """The page everybody shares, from the cache or rendered and stored, with the viewer's
    own parts filled in."""
    member = request.user.is_authenticated
    current = versions(depends(request, *args, **kwargs))
    if current is None:  # rendered for this request alone, as without the page cache
        response = view(request, *args, **kwargs)
        return _private(response) if member else response
    tag = _etag(request, current)
    if not member:
        if _has_page(request, tag):
            return _for_visitors(request, HttpResponseNotModified(), tag)
        if (page := stored.get(VISITOR_PREFIX + tag)) is not None:
            return _for_visitors(request, _stored_response(page), tag)
    if (page := stored.get(SHARED_PREFIX + tag)) is not None:
        response = _stored_response(page)
    else:
        replicas.read_at_least(newest_write(current))
        response = _as_visitor(view, request, *args, **kwargs)
        if not _storable(request, response):
            return _private(response) if member else response
        stored.set(SHARED_PREFIX + tag, _stored(response), settings.PAGE_CACHE_TTL)
        response["X-Page-Cache"] = "miss"
    response.content = personal.fill(request, response.content.decode(response.charset))
    if member:
        return _private(response)
    # A visitor's page that sets a cookie (a form token made while filling it) is theirs alone.
    if not _sets_cookie(request, response):
        stored.set(VISITOR_PREFIX + tag, _stored(response), settings.PAGE_CACHE_TTL)
    return _for_visitors(request, response, tag)


@contextlib.contextmanager
def _reading_only(request: HttpRequest, reads: Collection[str]) -> Iterator[None]:
    """While the page is keyed, rendered and filled, the request's query holds only the
    parameters in `reads`, in a fixed order: the key names all that the page can show.

    A page number is kept as the number the page shows (core/pagination.py), and the first
    page as no number at all: `?page=abc`, `?page=1` and no `page` are one page and one entry.
    """
    kept = QueryDict(mutable=True)
    for name in sorted(set(request.GET) & set(reads)):
        if name in PAGE_NUMBERS:
            if (number := parse_page_number(request.GET.get(name))) > 1:
                kept[name] = str(number)
        else:
            kept.setlist(name, request.GET.getlist(name))
    kept._mutable = False  # as Django gives it
    query, full = request.GET, request.META.get("QUERY_STRING", "")
    request.GET, request.META["QUERY_STRING"] = kept, kept.urlencode()  # type: ignore[assignment]
    try:
        yield
    finally:
        request.GET, request.META["QUERY_STRING"] = query, full


def _shared(request: HttpRequest, fragments: bool) -> bool:
    """May this request be answered with the page everybody shares?"""
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and (fragments or "HX-Request" not in request.headers)
        and not _has_messages(request)
        and not _has_permissions(request.user)
    )


def _has_permissions(user: Any) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(user.get_all_permissions()))


def _as_visitor(view: Callable[..., HttpResponse], request: HttpRequest, *args: Any,
                **kwargs: Any) -> HttpResponse:  # fmt: skip
    """The view's page as a visitor sees it: nothing of the member can reach a shared page."""
    member = request.user
    request.user = AnonymousUser()
    try:
        return view(request, *args, **kwargs)
    finally:
        request.user = member


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    # A page that made a form token holds it for one person (its parts add theirs later).
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _stored(response: HttpResponse) -> tuple[bytes, str]:
    return response.content, response["Content-Type"]


def _stored_response(stored: tuple[bytes, str]) -> HttpResponse:
    content, content_type = stored
    response = HttpResponse(content, content_type=content_type)
    response["X-Page-Cache"] = "hit"
    return response


def _private(response: HttpResponse) -> HttpResponse:
    """A member's page: their own rating, votes and form tokens. Never kept by anyone else."""
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _has_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and len(storage))


def _etag(request: HttpRequest, found: list[str]) -> str:
    """The page's identity: its whole address (pages name themselves in canonical links, so
    the host counts), the visitor's page cookies, the day (relative dates are whole days) and
    the versions it depends on."""
    cookies = [f"{name}={page_cookie(request, name)}" for name in PAGE_COOKIES]
    day = timezone.localdate().isoformat()
    parts = [request.build_absolute_uri(), *cookies, day, *found]
    return '"' + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32] + '"'


def page_cookie(request: HttpRequest, name: str) -> str:
    """The value of page cookie `name` if it is one that changes the page, else ""."""
    value = request.COOKIES.get(name, "")
    return value if value in PAGE_COOKIES[name] else ""


def _has_page(request: HttpRequest, tag: str) -> bool:
    """Does the browser's If-None-Match name the page? Compared weakly, as RFC 9110 asks:
    a compressed page's ETag is `W/"…"` (GZipMiddleware), and that is what comes back."""
    tags = parse_etags(request.headers.get("If-None-Match", ""))
    return "*" in tags or tag in (sent.removeprefix("W/") for sent in tags)


def _sets_cookie(request: HttpRequest, response: HttpResponse) -> bool:
    """Will the response set a cookie? CsrfViewMiddleware sets its cookie after the view
    returns: when a form token was made, or the visitor's cookie is one it cannot read."""
    return bool(response.cookies) or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def _for_visitors(request: HttpRequest, response: HttpResponse, tag: str) -> HttpResponse:
    """A visitor's page, which a shared cache may keep; private if it sets a cookie, which
    would otherwise go to every visitor the shared cache answers."""
    if _sets_cookie(request, response):
        return _private(response)
    response["ETag"] = tag
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_SECONDS)
    patch_vary_headers(response, ("Cookie",))
    return response
