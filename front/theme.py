"""Light or dark pages: the system's setting unless the visitor picked one.

The choice is a cookie set by a plain form, so the switch works without JavaScript. With no
choice, the dark stylesheet is linked for `prefers-color-scheme: dark` only and the browser
follows the system; with one, it is linked for all media or not at all.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.http import safe_next
from core.page_cache import PAGE_COOKIES

COOKIE = "theme"
CHOICES = (("system", "System"), ("light", "Light"), ("dark", "Dark"))
# The themes a visitor can pick; pages are cached once for each, and once for none.
PICKED = PAGE_COOKIES[COOKIE]
YEAR = 365 * 24 * 60 * 60


def theme_of(request: HttpRequest) -> str:
    value = request.COOKIES.get(COOKIE, "")
    return value if value in PICKED else "system"


def colour_theme(request: HttpRequest) -> dict[str, object]:
    """Context processor: the visitor's theme and the choices for the switch."""
    return {"theme": theme_of(request), "theme_choices": CHOICES}


# The form is on every page, and pages for visitors come whole from the cache: they must not
# carry a token meant for one visitor. Another site could at worst change a visitor's colours.
@csrf_exempt
@require_POST
def set_theme(request: HttpRequest) -> HttpResponseRedirect:
    response = HttpResponseRedirect(safe_next(request, "/"))
    choice = request.POST.get("theme", "")
    if choice in PICKED:
        response.set_cookie(
            COOKIE,
            choice,
            max_age=YEAR,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response
