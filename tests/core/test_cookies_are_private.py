"""A response that sets a cookie is private, whatever the view or middleware that made it said,
so that no shared cache hands one visitor's cookie to another."""

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from core.middleware import CookiesArePrivate

# Every middleware of Django's and the site's that can set a cookie on a response.
SETTING_COOKIES = [
    "core.middleware.ReadReplicas",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]


def answer(cache_control: str | None, *, cookie: bool = True) -> str | None:
    """The Cache-Control the middleware lets out of a response that said `cache_control`."""

    def view(request):
        response = HttpResponse("a page")
        if cache_control is not None:
            response["Cache-Control"] = cache_control
        if cookie:
            response.set_cookie("csrftoken", "one visitor's own")
        return response

    return CookiesArePrivate(view)(RequestFactory().get("/")).get("Cache-Control")


@pytest.mark.parametrize(
    ("said", "sent"),
    [
        ("public, max-age=60", "private, max-age=60"),
        ("max-age=60", "private, max-age=60"),
        ("s-maxage=300", "private"),
        ("public, s-maxage=300, max-age=60, proxy-revalidate", "private, max-age=60"),
        ("Public,Max-Age=60", "private, Max-Age=60"),
        (None, "private"),
        ("no-cache", "private, no-cache"),
    ],
)
def test_a_response_that_sets_a_cookie_is_made_private(said, sent):
    assert answer(said) == sent


@pytest.mark.parametrize("said", ["private, no-cache", "max-age=0, no-store", "PRIVATE"])
def test_a_response_no_shared_cache_keeps_is_left_as_it_is(said):
    assert answer(said) == said


def test_a_response_without_cookies_may_still_be_kept_by_shared_caches():
    assert answer("public, max-age=60", cookie=False) == "public, max-age=60"
    assert answer(None, cookie=False) is None


def test_it_sees_every_cookie_the_other_middleware_sets():
    # Middleware further down the list is inside, and its cookies are on the response by
    # the time the response reaches this one.
    position = settings.MIDDLEWARE.index("core.middleware.CookiesArePrivate")

    assert all(settings.MIDDLEWARE.index(inner) > position for inner in SETTING_COOKIES)
