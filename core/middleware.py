"""Middleware every request passes through."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

from core import personal


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
