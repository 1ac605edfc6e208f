"""Middleware every request passes through."""

from __future__ import annotations

import contextlib
import logging
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

from core import personal, replicas


class PermissionsPolicy:
    """Tell the browser, on every response, which powerful features no page may use
    (settings.PERMISSIONS_POLICY: feature -> the origins allowed it, none for most)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class CookiesArePrivate:
    """Make private any response that sets a cookie, unless it says so already.

    A shared cache or CDN keeps a response that says `public`, `s-maxage` or `max-age` (and a
    redirect or a 404 that says nothing) for everyone who asks: with a cookie, it would refuse
    it or hand one visitor's cookie to all of them. Visitors' pages set none
    (core/page_cache.py), but sessions, form tokens and ReadReplicas can add one on any
    response; so this sits outside them all and drops `public` and `s-maxage`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.cookies:
            directives = [d for d in response.get("Cache-Control", "").split(",") if d.strip()]
            names = {_directive_name(d) for d in directives}
            if not names & {"private", "no-store"}:
                kept = [d.strip() for d in directives if _directive_name(d) not in SHARED_ONLY]
                response["Cache-Control"] = ", ".join(["private", *kept])
        return response


# What only a shared cache obeys, and so has no meaning on a private response.
SHARED_ONLY = frozenset({"public", "s-maxage", "proxy-revalidate"})


def _directive_name(directive: str) -> str:
    return directive.split("=", 1)[0].strip().lower()


class RejectNulCharacters:
    """Answer 400 to a request whose address, query, form or cookies hold a NUL character.

    No text the site stores or searches can contain one (PostgreSQL refuses it in any
    string), so it is refused here, once, before any view or query sees it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _holds_nul(request):
            raise BadRequest("The request holds a NUL character, which no text may contain.")
        return self.get_response(request)


def _holds_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    # A cookie reaches the session table, so it is text the database sees too.
    if any("\x00" in key or "\x00" in value for key, value in request.COOKIES.items()):
        return True
    for data in (request.GET, request.POST if request.method == "POST" else None):
        if data is None:
            continue
        for key, values in data.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


class FillPersonalParts:
    """Fill in the viewer's own parts of every HTML page (core/personal.py).

    Inside CsrfViewMiddleware, so that a form token made here still sets its cookie. Pages
    from the page cache arrive filled already. Server error pages are filled as a visitor
    sees them: asking who is signed in needs the database, which may be what failed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return response
        if personal.MARK_START.encode() in response.content:
            content = response.content.decode(response.charset)
            as_visitor = response.status_code >= 500
            content = personal.fill(request, content, as_visitor=as_visitor)
            response.content = content.encode(response.charset)
        return response


class ReadReplicas:
    """Reads of GET and HEAD requests from a replica, and each client's own writes seen at once.

    After any other request, the primary's WAL position goes into a signed cookie; reads that
    carry it wait for a replica that has replayed that far, or go to the primary (see
    core/replicas.py). A request during which a replica failed is served again from the
    primary. Without replicas this does nothing, and asks nothing of the database.
    """

    COOKIE = "written"
    SALT = "core.replicas"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.on = bool(replicas.aliases())

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.on:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = self.get_response(request)
            self._remember_write(response)
            return response
        with replicas.replica_reads(self._needed(request)) as reads:
            response = self.get_response(request)
        if reads.failed:
            response = self.get_response(request)
        return response

    def _needed(self, request: HttpRequest) -> int:
        value = request.get_signed_cookie(self.COOKIE, default="", salt=self.SALT) or ""
        return int(value) if value.isdigit() else 0

    def _remember_write(self, response: HttpResponse) -> None:
        try:
            position = replicas.written_position()
        except DatabaseError:
            return  # the primary is gone: the response says what failed already
        # Kept while the browser is open: a member reads their writes however long a replica
        # takes, whether or not the lag check has noticed it. Once every replica has replayed
        # the position, it costs nothing.
        response.set_signed_cookie(
            self.COOKIE,
            str(position),
            salt=self.SALT,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


REQUEST_LOG = logging.getLogger("dramadb.requests")


class LogRequests:
    """One log line per request: method, address, status, time and queries, with the
    databases that answered them ("dramadb.requests" at INFO; `make serve` turns it on)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.on = REQUEST_LOG.isEnabledFor(logging.INFO)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.on:
            return self.get_response(request)
        counts: Counter[str] = Counter()
        started = time.perf_counter()
        with contextlib.ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(_Count(alias, counts)))
            response = self.get_response(request)
        REQUEST_LOG.info(
            "%s %s %s %.1f ms %d queries %s",
            request.method,
            request.get_full_path(),
            response.status_code,
            (time.perf_counter() - started) * 1000,
            counts.total(),
            "+".join(sorted(counts)) or "-",
        )
        return response


class _Count:
    def __init__(self, alias: str, counts: Counter[str]) -> None:
        self.alias = alias
        self.counts = counts

    def __call__(self, execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.counts[self.alias] += 1
        return execute(sql, params, many, context)
