"""/sitemap.xml: an index of one sitemap per section, each in files of a bounded size, each file
read in the same few queries whatever the catalogue's size."""

import io
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from front.sitemaps import SITEMAPS
from reviews.models import Review
from tests.news.factories import ArticleFactory
from titles.models import Title

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "http://testserver"
SECTIONS = ["titles", "people", "articles", "reviews"]


def locations(response) -> list[str]:
    assert response["Content-Type"] == "application/xml"
    return [loc.text for loc in ET.fromstring(response.content).iterfind(".//sm:loc", NS)]


def test_the_index_lists_a_sitemap_per_section(client, db):
    found = locations(client.get("/sitemap.xml"))
    for section in SECTIONS:
        assert f"{BASE}/sitemap-{section}.xml" in found


@pytest.mark.slow  # loads the whole demo
def test_the_titles_sitemap_holds_the_reference_pages_canonical_address(client):
    call_command("loaddemo", stdout=io.StringIO())
    seed = Title.objects.get(title="1 Litre of Tears")
    found = locations(client.get("/sitemap-titles.xml"))
    canonical = client.get(seed.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="{BASE}{seed.get_absolute_url()}">' in canonical
    assert f"{BASE}{seed.get_absolute_url()}" in found
    assert len(found) == Title.objects.count()


def test_each_entry_says_when_it_last_changed(client, title_factory):
    title = title_factory()
    root = ET.fromstring(client.get("/sitemap-titles.xml").content)
    assert root.findtext(".//sm:lastmod", namespaces=NS) == title.updated_at.date().isoformat()


def test_articles_still_to_be_published_stay_out(client, db):
    published = ArticleFactory()
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=2))
    found = locations(client.get("/sitemap-articles.xml"))
    assert f"{BASE}{published.get_absolute_url()}" in found
    assert f"{BASE}{scheduled.get_absolute_url()}" not in found


def test_a_long_section_is_split_into_numbered_files(client, title_factory, monkeypatch):
    monkeypatch.setattr(SITEMAPS["titles"], "limit", 2)
    titles = title_factory.create_batch(5)
    index = locations(client.get("/sitemap.xml"))
    assert [url for url in index if "sitemap-titles" in url] == [
        f"{BASE}/sitemap-titles.xml",
        f"{BASE}/sitemap-titles.xml?p=2",
        f"{BASE}/sitemap-titles.xml?p=3",
    ]
    assert locations(client.get("/sitemap-titles.xml?p=3")) == [
        f"{BASE}{titles[4].get_absolute_url()}"
    ]
    assert client.get("/sitemap-titles.xml?p=4").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.fixture
def catalogue(title_factory, person_factory, user_factory):
    def grow(size: int) -> None:
        titles = title_factory.create_batch(size)
        person_factory.create_batch(size)
        ArticleFactory.create_batch(size)
        Review.objects.bulk_create(
            [
                Review(user=user_factory(), title=title, body="x" * 120,
                       **dict.fromkeys(["overall", "story", "acting", "music", "rewatch"], "8.0"))
                for title in titles
            ]
        )  # fmt: skip

    return grow


@pytest.mark.parametrize("section", SECTIONS)
def test_a_sitemap_file_costs_two_queries_at_any_size(
    client, catalogue, section, django_assert_num_queries
):
    for size in (2, 30):
        catalogue(size)
        # Expect 2 queries: the section's count (for the paginator), then its page of rows.
        with django_assert_num_queries(2):
            response = client.get(f"/sitemap-{section}.xml")
        assert len(locations(response)) >= size


def test_the_index_costs_two_queries_a_section_at_any_size(
    client, catalogue, django_assert_num_queries
):
    for size in (2, 30):
        catalogue(size)
        # Expect 8 queries, two for each section with rows: its count and its latest change
        # (the fixed pages need neither).
        with django_assert_num_queries(8):
            client.get("/sitemap.xml")
