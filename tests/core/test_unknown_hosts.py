"""A request naming a host the site does not serve is refused with the site's 400 page, which
names no address built from that host; the health checks answer whatever the host."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

EVIL = "evil.example"


def anonymous() -> Client:
    return Client(raise_request_exception=False, HTTP_HOST=EVIL)


@pytest.mark.parametrize("path", ["/", "/titles/", "/no/such/page/", "/accounts/login/"])
def test_an_unknown_host_gets_the_sites_400_page(path):
    response = anonymous().get(path)

    html = response.content.decode()
    assert response.status_code == 400
    assert '<h1 class="h3 mb-3">Bad request</h1>' in html
    assert EVIL not in html


def test_a_post_to_an_unknown_host_is_refused_too():
    response = anonymous().post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
@pytest.mark.parametrize("host", [EVIL, "10.1.2.3", "10.1.2.3:8000", "[::1]"])
def test_health_checks_answer_whatever_the_host(path, host):
    response = Client(raise_request_exception=False, HTTP_HOST=host).get(path)

    assert response.status_code == 200
    assert response.content.startswith(b"database: ok\ncache: ok\n")


def test_health_checks_are_answered_over_plain_http_whatever_the_host(settings):
    settings.SECURE_SSL_REDIRECT = True
    response = Client(raise_request_exception=False, HTTP_HOST="10.1.2.3").get("/healthz")
    assert response.status_code == 200
