"""Error pages in the site's own look, with the header and its search, with DEBUG off."""

import pytest
from django.test import Client

from reviews import selectors as reviews_selectors

pytestmark = pytest.mark.django_db


def assert_site_page(html: str, heading: str) -> None:
    assert f'<h1 class="h3 mb-3">{heading}</h1>' in html
    assert 'id="site-search-q"' in html  # the header with its search
    assert "Traceback" not in html


def test_a_missing_page_is_a_404_in_the_sites_look(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert_site_page(response.content.decode(), "Page not found")


def test_a_bad_request_is_a_400_in_the_sites_look(client):
    response = client.get("/search/?q=%00")
    assert response.status_code == 400
    assert_site_page(response.content.decode(), "Bad request")


def test_a_form_without_its_csrf_token_asks_to_reload_and_keeps_nothing_secret(user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    response = browser.post("/accounts/settings/profile/", {"bio": "hello"})
    html = response.content.decode()
    assert response.status_code == 403
    assert_site_page(html, "Please reload and try again")
    assert "CSRF cookie not set" not in html  # the reason stays in the server log


def test_a_server_error_is_a_500_in_the_sites_look(monkeypatch):
    def broken(*args):
        raise RuntimeError("a bug")

    monkeypatch.setattr(reviews_selectors, "trending", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert_site_page(html, "Something went wrong")
    assert "a bug" not in html


def test_too_many_requests_is_a_429_in_the_sites_look(client, user, settings):
    from tests.reviews.factories import ReviewFactory

    settings.VOTE_RATE = "1/m"
    client.force_login(user)
    first, second = ReviewFactory(), ReviewFactory()
    client.post(f"/reviews/{first.pk}/vote/", {"helpful": "yes"})
    response = client.post(f"/reviews/{second.pk}/vote/", {"helpful": "yes"})
    assert response.status_code == 429
    assert_site_page(response.content.decode(), "Too many requests")
