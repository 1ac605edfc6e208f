"""Throttles for writes: one helper, counted by django-ratelimit in the cache.

Sign-in has its own lockout (django-axes, see settings); comments keep their own rate limit,
checked in their service under a lock.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

TOO_MANY = "You are doing that too often. Please wait a little and try again; nothing was lost."


def throttled(
    request: HttpRequest, *, group: str, rate: str, key: str | Callable[..., str] = "user_or_ip"
) -> bool:
    """Count this request against `rate` ("5/m") for `key`; True when it is over the limit.

    `key` is "user_or_ip", "ip", "user", or a function (group, request) -> str.
    """
    return is_ratelimited(request, group=group, key=key, rate=rate, increment=True)


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
