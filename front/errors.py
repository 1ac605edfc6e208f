"""Error pages that need more than a template: a host the site does not serve, the database
out of reach, and throttling."""

from __future__ import annotations

import sys

from django.core.exceptions import DisallowedHost
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.views import defaults

# How long a browser or proxy should wait before asking again while the database is away.
RETRY_AFTER_SECONDS = 30


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 page. For a Host header the site does not serve, rendered without the request:
    every address the page builds from the request would name that host, and asking for it
    raises the same error again."""
    if isinstance(exception, DisallowedHost):
        return HttpResponseBadRequest(render_to_string("400.html"))
    return defaults.bad_request(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, or a 503 "back soon" page when the database is out of reach.

    Rendered without the request's context: looking up the member would need the database.
    The connection that failed is discarded at the end of the request (its error flag makes
    Django check it), so the first request after the database returns works again.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(render_to_string("500.html"), status=500)
