"""Small request helpers shared by the apps' views."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` address of a form or link if it stays on this site, else `fallback`.

    Redirecting to any `next` would let another site send people through ours to itself.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def parse_id(value: str | None) -> int | None:
    """An id from a query string or form, or None for anything that is not one.

    `str.isdigit` alone lets through digits such as "²" that `int` refuses, and a very long
    number would overflow the database's bigint.
    """
    if value and value.isascii() and value.isdigit() and len(value) < 19:
        return int(value)
    return None
