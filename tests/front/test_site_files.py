"""What crawlers, browsers and phones fetch by name: robots.txt, icons and the manifest."""

import io
import json
import re

import pytest
from PIL import Image

from tests.front.metadata_helpers import read_head

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_searches_and_forms(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for path in ["/search/", "/accounts/", "/admin/", "/titles/*/review/", "/comments/*/reply/"]:
        assert f"Disallow: {path}" in lines
    # The pages worth finding stay open.
    assert not any(line in lines for line in ["Disallow: /", "Disallow: /titles/"])


def test_sorted_and_filtered_listings_are_marked_noindex_and_not_disallowed(client, title_factory):
    # Crawlers must be let in to read the mark: one of the two, never both.
    title = title_factory()
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert not [line for line in lines if "sort=" in line or "country=" in line or "q=" in line]
    for address in ["/titles/?sort=score", "/titles/?country=JP", "/top/?type=drama",
                    f"/titles/{title.pk}-{title.slug}/reviews/?sort=newest"]:  # fmt: skip
        html = client.get(address).content.decode()
        assert '<meta name="robots" content="noindex, follow">' in html, address


def test_favicon_ico_is_a_real_icon_in_the_usual_sizes(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(body(response)))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32)} <= icon.info["sizes"]


def test_the_apple_touch_icon_is_linked_and_180_pixels_square(client):
    head = read_head(client.get("/"))
    for path in [head.links["apple-touch-icon"], "/apple-touch-icon.png"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"] == "image/png"
        assert Image.open(io.BytesIO(body(response))).size == (180, 180)


def test_the_manifest_is_linked_and_its_icons_are_there(client):
    head = read_head(client.get("/"))
    response = client.get(head.links["manifest"])
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == manifest["short_name"] == "dramadb"
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"].startswith("#")
    assert manifest["background_color"].startswith("#")
    sizes = {}
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image["Content-Type"] == icon["type"] == "image/png"
        sizes[icon["sizes"]] = Image.open(io.BytesIO(body(image))).size
    assert sizes == {"192x192": (192, 192), "512x512": (512, 512)}


def test_none_of_them_asks_the_database_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        for path in ["/robots.txt", "/favicon.ico", "/apple-touch-icon.png", "/site.webmanifest"]:
            assert client.get(path).status_code == 200


def test_every_page_gives_a_theme_colour_for_light_and_dark(client):
    html = client.get("/").content.decode()
    manifest = client.get("/site.webmanifest").json()
    light = f'name="theme-color" content="{manifest["theme_color"]}"'
    assert f'{light} media="(prefers-color-scheme: light)"' in html
    assert re.search(
        r'name="theme-color" content="#\w{6}" media="\(prefers-color-scheme: dark\)"', html
    )
