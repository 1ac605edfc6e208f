"""What every API answer goes through, around the routes: who calls (a token or nobody), the
rate limit for them, and conditional GET with the cache headers.

Rates (API_RATE_ANONYMOUS per address, API_RATE_TOKEN per token) are counted by the site's
throttle (core/throttle.py) in the cache; while the cache is away the API answers uncounted
rather than not at all, as reads elsewhere on the site do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, path
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

from core.throttle import wait_seconds

from .models import ApiToken, token_hash

# A token's last use is written at most this often, not on every call.
LAST_USED_EVERY = timedelta(minutes=1)


class BadToken(Exception):
    pass


def token_of(request: HttpRequest) -> ApiToken | None:
    """The live token the request is sent with, None without one; BadToken for any other."""
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise BadToken
    token = ApiToken.objects.filter(
        key_hash=token_hash(secret.strip()), revoked_at__isnull=True
    ).first()
    if token is None:
        raise BadToken
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def _error(status: int, detail: str, **headers: str) -> HttpResponse:
    response = JsonResponse({"detail": detail}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    response["Cache-Control"] = "no-store"
    return response


def _over_limit(request: HttpRequest, token: ApiToken | None) -> HttpResponse | None:
    """429 when the caller (its token, or its address without one) is past its rate."""
    if token is None:
        wait = wait_seconds(request, group="api-anonymous", rate=settings.API_RATE_ANONYMOUS,
                            key="ip")  # fmt: skip
    else:
        wait = wait_seconds(request, group="api-token", rate=settings.API_RATE_TOKEN,
                            key=lambda group, request: str(token.pk))  # fmt: skip
    if wait is None:
        return None
    return _error(429, f"Too many requests; please wait {wait} seconds.", Retry_After=str(wait))


def answered(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            token = token_of(request)
        except BadToken:
            # Counted as an anonymous call: guessing tokens costs the guesser that limit.
            return _over_limit(request, None) or _error(
                401, "The token is not one this site knows, or it was revoked.",
                WWW_Authenticate='Bearer realm="dramadb"',
            )  # fmt: skip
        if refused := _over_limit(request, token):
            return refused
        head = request.method == "HEAD"
        if head:  # answered as GET, without the body (the routes declare GET alone)
            request.method = "GET"
        response = view(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.API_MAX_AGE)
            set_response_etag(response)
            etag = response["ETag"]
            response = get_conditional_response(request, etag=etag, response=response) or response
        if head:
            response.content = b""
        return response

    return wrapped


def with_answers(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """The API's URL patterns, each view wrapped in `answered`."""
    wrapped: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            wrapped.append(
                path(str(pattern.pattern), answered(pattern.callback), name=pattern.name or "")
            )
        else:
            wrapped.append(pattern)
    return wrapped
