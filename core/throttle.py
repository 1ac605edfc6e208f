"""Throttles for writes: one helper, counted by django-ratelimit in the cache.

Sign-in has its own lockout (django-axes, counted in the database: see settings); comments keep
their own rate limit, checked in the database by their service under a lock. Neither needs
the cache.

While the cache is away (Redis, core/redis_cache.py) nothing can be counted, and each throttle
says what then happens:
- `throttled`, for members' writes (reviews, recommendations, votes, reports), lets them
  through: members are known and moderated, and writing must keep working (fail open);
- `refusal`, for what visitors ask without signing in and what reaches other people (new
  accounts, password-reset mails), refuses it with 503 and Retry-After until the cache is back
  (fail closed): an uncounted minute must not make a flood of accounts or of mails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage

TOO_MANY = "You are doing that too often. Please wait a little and try again; nothing was lost."
NOT_COUNTED = (
    "This is paused for a moment, while the site cannot count how often it is done. "
    "Please try again in a minute; nothing was lost."
)
# How long a browser is asked to wait when a refusing throttle cannot count.
NOT_COUNTED_RETRY_SECONDS = 30

Key = str | Callable[..., str]


@dataclass(frozen=True)
class Refusal:
    message: str
    status: int
    retry_after: int | None = None

    def apply(self, response: HttpResponse) -> HttpResponse:
        """The response, with this refusal's status and Retry-After."""
        response.status_code = self.status
        if self.retry_after is not None:
            response["Retry-After"] = str(self.retry_after)
        return response


OVER_LIMIT = Refusal(TOO_MANY, 429)
UNCOUNTED = Refusal(NOT_COUNTED, 503, NOT_COUNTED_RETRY_SECONDS)


def _usage(request: HttpRequest, group: str, rate: str, key: Key) -> dict[str, Any] | None:
    """Count this request; None when it could not be counted (with RATELIMIT_FAIL_OPEN on,
    that is what django-ratelimit answers when the cache fails)."""
    return get_usage(request, group=group, key=key, rate=rate, increment=True)


def throttled(request: HttpRequest, *, group: str, rate: str, key: Key = "user_or_ip") -> bool:
    """Count this request against `rate` ("5/m") for `key`; True when it is over the limit.
    While the cache is away it is not counted, and passes.

    `key` is "user_or_ip", "ip", "user", or a function (group, request) -> str.
    """
    usage = _usage(request, group, rate, key)
    return usage is not None and bool(usage["should_limit"])


def refusal(request: HttpRequest, *, group: str, rate: str, key: Key) -> Refusal | None:
    """Count this request against `rate` for `key`: OVER_LIMIT when it is over the limit, and
    UNCOUNTED while the cache is away, so that it is never done uncounted."""
    usage = _usage(request, group, rate, key)
    if usage is None:
        return UNCOUNTED if getattr(settings, "RATELIMIT_ENABLE", True) else None
    return OVER_LIMIT if usage["should_limit"] else None


def first_refusal(*answers: Refusal | None) -> Refusal | None:
    """Of several throttles' answers, the one to give: not counted before over the limit."""
    refused = [answer for answer in answers if answer is not None]
    if UNCOUNTED in refused:
        return UNCOUNTED
    return refused[0] if refused else None


def throttle_form(request: HttpRequest, form: BaseForm, *, group: str, rate: str) -> bool:
    """For a valid form about to be saved: True, with the reason on the form (which then
    answers 429 through `form_status`, keeping what was typed), when the member is over
    `rate` for `group`."""
    if not throttled(request, group=group, rate=rate):
        return False
    form.add_error(None, ValidationError(TOO_MANY, code="throttled"))
    return True


def too_many_requests(request: HttpRequest, message: str = TOO_MANY) -> HttpResponse:
    """The 429 page, for a throttled action that has no form to show again."""
    return render(request, "429.html", {"message": message}, status=429)
