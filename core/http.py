"""Request helpers every view uses: safe `next` addresses, ids, search text, canonical
addresses and "sign in to write"."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol, TypeVar
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from core.links import page_link

# Search boxes read at most this many characters: longer text finds nothing more.
SEARCH_MAX_LENGTH = 100

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


class HtmxRequest(HttpRequest):
    """A request as views see it: HtmxMiddleware sets `htmx` on every request."""

    htmx: HtmxDetails


class HasSlug(Protocol):
    slug: str

    def get_absolute_url(self) -> str: ...


def client_ip(request: HttpRequest) -> str:
    """The visitor's address, for throttles: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT
    proxies the address the outermost of them saw. Each proxy appends to X-Forwarded-For the
    address it received from; entries left of those are the visitor's to invent."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [address.strip() for address in header.split(",") if address.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR") or "")


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` address of a form or link if it is a path on this site, else `fallback`.

    Only a path ("/…") is followed: redirecting to any `next` would let another site send
    people through ours to itself, and a bare word would be taken for a view's name.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if is_site_path(request, target):
        return target
    return fallback


def form_status(form: BaseForm) -> int:
    """The status of a page showing `form`: 422 once it was refused (429 when a throttle
    refused it), so every form on the site answers a refusal alike (and htmx swaps it in, as
    its configuration asks)."""
    if form.has_error(NON_FIELD_ERRORS, code="throttled"):
        return 429
    return 422 if form.errors else 200


class RefusedFormStatus:
    """For Django's class-based form views: a refused form answers 422, like `form_status`."""

    def form_invalid(self, form: Any) -> HttpResponse:
        response: HttpResponse = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 422
        return response


def is_site_path(request: HttpRequest, target: str) -> bool:
    """Whether `target` is a path on this site: starts with one "/", names no other host."""
    return (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    )


def parse_id(value: str | None) -> int | None:
    """An id from a query string or form, or None for anything that is not one.

    `str.isdigit` alone lets through digits such as "²" that `int` refuses, and a very long
    number would overflow the database's bigint.
    """
    if value and value.isascii() and value.isdigit() and len(value) < 19:
        return int(value)
    return None


def search_query(request: HttpRequest, name: str = "q") -> str:
    """The search text of a query string, trimmed and cut to SEARCH_MAX_LENGTH."""
    return request.GET.get(name, "").strip()[:SEARCH_MAX_LENGTH]


def canonical_redirect(
    request: HttpRequest, slug: str | None, obj: HasSlug, url: str | None = None
) -> HttpResponse | None:
    """A permanent redirect to the current address when the slug asked for is old or missing.

    `url` is the canonical address (the object's own page unless given); the query string
    comes along, so a bookmarked page of comments or reviews stays the same page.
    """
    if slug == obj.slug:
        return None
    target = url or obj.get_absolute_url()
    if query := request.META.get("QUERY_STRING"):
        target = f"{target}?{query}"
    return HttpResponsePermanentRedirect(target)


def sign_in_url(next_path: str) -> str:
    """The sign-in page, coming back to `next_path` after (as the `urlencode` filter quotes)."""
    return f"{resolve_url(settings.LOGIN_URL)}?next={quote(next_path, safe='/')}"


def page_to_return_to(request: HttpRequest) -> str:
    """Where someone sent to sign in comes back to: the page they were looking at."""
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    if htmx and htmx.current_url_abs_path:
        return str(htmx.current_url_abs_path)
    if request.method == "GET":
        return request.get_full_path()
    if target := safe_next(request, ""):
        return target
    # A form's address answers only POSTs: come back to the page that held the form.
    referer = request.headers.get("referer", "")
    if url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return page_link("home")


def sign_in_required(view: View | None = None, *, message: str = "") -> Any:
    """Views that write: a signed-out visitor is sent to sign in and then back to the page.

    Unlike `login_required` it returns people to the page they were on (not to a form's
    POST-only address), an htmx request gets a whole-page redirect instead of a sign-in form
    swapped into a fragment, and `message` tells a visitor whose click did nothing why.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            if message:
                messages.error(request, message)
            login = redirect_to_login(page_to_return_to(request))
            if getattr(request, "htmx", False):
                return HttpResponseClientRedirect(login["Location"])
            return login

        return wrapper  # type: ignore[return-value]

    return decorate(view) if view is not None else decorate
