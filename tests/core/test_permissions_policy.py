"""Every response tells the browser which powerful features no page of the site uses."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

DENIED = ["camera", "microphone", "geolocation", "payment", "usb", "interest-cohort",
          "browsing-topics"]  # fmt: skip


def features(response) -> dict[str, str]:
    header = response["Permissions-Policy"]
    return dict(part.strip().split("=", 1) for part in header.split(","))


@pytest.mark.parametrize(
    "path", ["/", "/titles/", "/no/such/page/", "/accounts/login/", "/admin/", "/healthz"]
)
def test_every_response_denies_the_features_no_page_uses(client, path):
    response = client.get(path)

    assert {name: features(response).get(name) for name in DENIED} == dict.fromkeys(DENIED, "()")


def test_pages_from_the_cache_carry_it_too(client, title_factory):
    url = title_factory().get_absolute_url()
    client.get(url)
    response = Client().get(url)

    assert response["X-Page-Cache"] == "hit"
    assert features(response)["camera"] == "()"


def test_a_refused_host_gets_it_too():
    response = Client(HTTP_HOST="evil.example", raise_request_exception=False).get("/")
    assert response.status_code == 400
    assert features(response)["geolocation"] == "()"
