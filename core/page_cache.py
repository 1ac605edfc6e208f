"""Pages from the cache, never stale, for visitors and members alike.

A page names the versions it depends on (core/versions.py) and is stored under them: a write
moves the versions of what it changed, so the next request makes a new key and renders afresh.

A page is stored as everybody sees it, with marks where the viewer's own parts go
(core/personal.py). Visitors' pages are stored filled. A member's page is kept filled for
them under their own version too, but for the parts that others' writes change (the bell) and
the form token, which each request puts in; kept by the worker that filled it, in its memory
only: most such pages are read once or twice, and filling one again costs less than writing
every one to the shared cache.

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
from collections.abc import Callable, Collection, Iterable, Iterator
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, QueryDict
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

from core import personal, replicas
from core.pagination import parse_page_number
from core.versions import member_version, newest_write, versions
from core.worker_memory import members_pages, stored

# Pages as everybody shares them, with marks for the viewer's own parts; and as visitors
# see them, filled in.
SHARED_PREFIX = "page:shared:"
VISITOR_PREFIX = "page:visitor:"
# And as one member sees them, but for their live parts and form token (`_members_page`).
MEMBER_PREFIX = "page:member:"
# The query parameters that number the pages of a list: the title page numbers its comments.
PAGE_NUMBERS = frozenset({"page", "cpage"})
# Cookies that change a visitor's page, with the values that do: the colour theme (front/theme.py
# takes its choices from here). Any other value is the page without the cookie.
PAGE_COOKIES: dict[str, frozenset[str]] = {"theme": frozenset({"light", "dark"})}

Depends = Callable[..., Iterable[str]]


def depends_on(*keys: str) -> Depends:
    """For a page that shows only site-wide versions."""
    return lambda request, *args, **kwargs: keys


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
    user = request.user
    member = user.is_authenticated
    keys = list(depends(request, *args, **kwargs))
    own = [member_version(user.pk)] if user.is_authenticated else []
    current = versions([*keys, *own])
    if current is None:  # rendered for this request alone, as without the page cache
        response = view(request, *args, **kwargs)
        return _private(response) if member else response
    tag = _etag(request, current[: len(keys)])
    render = lambda: _shared_response(view, request, tag, current, *args, **kwargs)  # noqa: E731
    if member:
        return _private(_members_page(request, render, tag, current))
    if _has_page(request, tag):
        return _for_visitors(request, HttpResponseNotModified(), tag)
    if (page := stored.get(VISITOR_PREFIX + tag)) is not None:
        return _for_visitors(request, _stored_response(page), tag)
    response, storable = render()
    if not storable:
        return response
    content = response.content.decode(response.charset)
    response.content = personal.fill(request, content, key=SHARED_PREFIX + tag)
    # A visitor's page that sets a cookie (a form token made while filling it) is theirs alone.
    if not _sets_cookie(request, response):
        stored.set(VISITOR_PREFIX + tag, _stored(response), settings.PAGE_CACHE_TTL)
    return _for_visitors(request, response, tag)


def _shared_response(view: Callable[..., HttpResponse], request: HttpRequest, tag: str,
                     current: list[str], *args: Any,
                     **kwargs: Any) -> tuple[HttpResponse, bool]:  # fmt: skip
    """The shared page, with its marks: stored, or rendered and stored; and whether it could
    be stored (a page that is not is the viewer's alone)."""
    if (page := stored.get(SHARED_PREFIX + tag)) is not None:
        return _stored_response(page), True
    replicas.read_at_least(newest_write(current))
    response = _as_visitor(view, request, *args, **kwargs)
    if not _storable(request, response):
        return response, False
    stored.set(SHARED_PREFIX + tag, _stored(response), settings.PAGE_CACHE_TTL)
    response["X-Page-Cache"] = "miss"
    return response, True


def _members_page(request: HttpRequest, render: Callable[[], tuple[HttpResponse, bool]],
                  tag: str, current: list[str]) -> HttpResponse:  # fmt: skip
    """The shared page as the member sees it: kept in this worker for them under their own
    version (the last of `current`) and what their parts show of their account, with the
    stand-in for the form token it holds, then given this request's live parts and token
    (core/personal.py)."""
    user = request.user
    words = [tag, current[-1], str(user.pk), user.get_username(), str(user.is_staff),
             personal.stand_in()]  # fmt: skip
    key = MEMBER_PREFIX + hashlib.sha256("\n".join(words).encode()).hexdigest()[:32]
    if (kept := members_pages.kept(key)) is not None:
        page, content_type = kept
        response = _stored_response((b"", content_type))
    else:
        response, storable = render()
        if not storable:  # the middleware fills its parts (core.middleware.FillPersonalParts)
            return response
        # Their parts must see every write their version names, whoever made it.
        replicas.read_at_least(newest_write(current))
        content = response.content.decode(response.charset)
        page = personal.fill_to_keep(request, content, key=SHARED_PREFIX + tag,
                                     charset=response.charset)  # fmt: skip
        members_pages.keep(key, (page, response["Content-Type"]))
    response.content = personal.fill_live(request, page)
    return response


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
