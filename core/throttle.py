"""Throttles for writes: one helper, counted by django-ratelimit in the cache, for every limit
of the site (comments' "one every N seconds" included).

Sign-in alone has its own lockout (django-axes, counted in the database: see settings), since
it locks out a name rather than refusing a write.

While the cache is away (Redis, core/redis_cache.py) nothing can be counted, and each throttle
says what then happens:
- `throttled`, `check_rate` and `throttle_form`, for members' writes (comments, reviews,
  recommendations, votes, reports), let them through: members are known and moderated, and
  writing must keep working (fail open);
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


def _usage(request: HttpRequest, group: str, rate: str | None, key: Key) -> dict[str, Any] | None:
    """Count this request; None when it could not be counted (with RATELIMIT_FAIL_OPEN on,
    that is what django-ratelimit answers when the cache fails) or `rate` is None (no limit)."""
    return get_usage(request, group=group, key=key, rate=rate, increment=True)


def wait_seconds(
    request: HttpRequest, *, group: str, rate: str | None, key: Key = "user_or_ip"
) -> int | None:
    """Count this request against `rate` for `key`: how many seconds until it would be within
    the limit again when it is over it, else None. While the cache is away it is not counted,
    and passes.

    `rate` is "count/period" ("5/m", "1/10s"), or None for no limit; `key` is "user_or_ip",
    "ip", "user", or a function (group, request) -> str. Counts are kept per window of the
    period, so "1/10s" lets one through in each ten seconds.
    """
    usage = _usage(request, group, rate, key)
    if usage is None or not usage["should_limit"]:
        return None
    return max(1, int(usage["time_left"]))


def throttled(
    request: HttpRequest, *, group: str, rate: str | None, key: Key = "user_or_ip"
) -> bool:
    """Count this request against `rate` ("5/m") for `key`; True when it is over the limit."""
    return wait_seconds(request, group=group, rate=rate, key=key) is not None


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


def check_rate(
    request: HttpRequest,
    *,
    group: str,
    rate: str | None,
    key: Key = "user_or_ip",
    message: str | Callable[[int], str] = TOO_MANY,
) -> None:
    """Count this request against `rate` for `key`; over the limit, raise a ValidationError
    coded "throttled" (a form showing it answers 429 through `form_status`). `message` may be
    a function of the seconds left to wait."""
    wait = wait_seconds(request, group=group, rate=rate, key=key)
    if wait is not None:
        text = message(wait) if callable(message) else message
        raise ValidationError(text, code="throttled")


def throttle_form(request: HttpRequest, form: BaseForm, *, group: str, rate: str | None) -> bool:
    """For a valid form about to be saved: True, with the reason on the form (which then
    answers 429 through `form_status`, keeping what was typed), when the member is over
    `rate` for `group`."""
    try:
        check_rate(request, group=group, rate=rate)
    except ValidationError as refused:
        form.add_error(None, refused)
        return True
    return False


def too_many_requests(request: HttpRequest, message: str = TOO_MANY) -> HttpResponse:
    """The 429 page, for a throttled action that has no form to show again."""
    return render(request, "429.html", {"message": message}, status=429)
