"""Light or dark: the system's setting unless the visitor picks one with the footer's form."""

import pytest

pytestmark = pytest.mark.django_db

SYSTEM_DARK = 'href="/static/css/dark.css" media="(prefers-color-scheme: dark)"'
ALWAYS_DARK = '<link rel="stylesheet" href="/static/css/dark.css">'


def test_without_a_choice_the_page_follows_the_system(client):
    html = client.get("/help/ratings/").content.decode()

    assert "data-bs-theme" not in html.split("<head>")[0]
    assert SYSTEM_DARK in html
    assert 'name="theme" value="system" class="btn btn-sm active" aria-pressed="true"' in html


def test_picking_dark_links_the_dark_stylesheet_for_every_medium(client):
    response = client.post("/theme/", {"theme": "dark", "next": "/help/ratings/"})

    assert response.status_code == 302
    assert response["Location"] == "/help/ratings/"
    assert response.cookies["theme"].value == "dark"
    assert response.cookies["theme"]["max-age"] == 365 * 24 * 60 * 60
    html = client.get("/help/ratings/").content.decode()
    assert '<html lang="en" data-bs-theme="dark">' in html
    assert ALWAYS_DARK in html
    assert SYSTEM_DARK not in html


def test_picking_light_drops_the_dark_stylesheet(client):
    client.post("/theme/", {"theme": "light", "next": "/"})

    html = client.get("/help/ratings/").content.decode()
    assert '<html lang="en" data-bs-theme="light">' in html
    assert "dark.css" not in html


def test_picking_system_again_forgets_the_choice(client):
    client.post("/theme/", {"theme": "dark", "next": "/"})
    response = client.post("/theme/", {"theme": "system", "next": "/"})

    assert response.cookies["theme"].value == ""
    assert SYSTEM_DARK in client.get("/help/ratings/").content.decode()


def test_an_unknown_cookie_value_counts_as_no_choice(client):
    client.cookies["theme"] = '"><script>'
    html = client.get("/help/ratings/").content.decode()

    assert SYSTEM_DARK in html
    assert "<script>" not in html.split("<body")[0].split("htmx")[0]


def test_the_switch_returns_only_to_pages_of_this_site(client):
    response = client.post("/theme/", {"theme": "dark", "next": "https://example.com/"})

    assert response["Location"] == "/"


def test_the_switch_changes_nothing_on_get(client):
    assert client.get("/theme/").status_code == 405
