from datetime import date

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_it_lists_titles_newest_first(client, title_factory):
    title_factory(title="Older", aired_from=date(2001, 1, 1), aired_to=None)
    title_factory(title="Newer", aired_from=date(2020, 1, 1), aired_to=None)
    html = client.get("/").content.decode()
    assert html.index("Newer") < html.index("Older")


@override_settings(TITLES_PER_PAGE=3)
def test_it_paginates(client, title_factory):
    for year in range(2000, 2007):
        title_factory(title=f"Made in {year}", aired_from=date(year, 1, 1), aired_to=None)
    first = client.get("/").content.decode()
    third = client.get("/?page=3").content.decode()
    assert "Made in 2006" in first and "Made in 2003" not in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert "Made in 2000" in third
    assert 'rel="next"' not in third and 'rel="prev"' in third
    # A page past the end says so rather than failing; a bad number shows the first page.
    assert "No titles on this page" in client.get("/?page=99").content.decode()
    assert "Made in 2006" in client.get("/?page=abc").content.decode()


def test_it_says_so_when_the_catalogue_is_empty(client):
    assert "The catalogue is empty" in client.get("/").content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_its_query_count_does_not_grow_with_titles(
    client, django_assert_num_queries, title_factory, size
):
    title_factory.create_batch(size)
    # Expect 1 query: one page of titles with networks, plus one row to tell if more follow.
    with django_assert_num_queries(1):
        client.get("/")


def test_titles_known_only_by_year_take_their_place_among_dated_ones(client, title_factory):
    title_factory(title="Dated 2005", aired_from=date(2005, 10, 11), aired_to=None)
    title_factory(title="Year 2020", aired_from=None, aired_to=None, year=2020)
    title_factory(title="Year 2002", aired_from=None, aired_to=None, year=2002)
    title_factory(title="Dated 2008", aired_from=date(2008, 1, 5), aired_to=None)
    title_factory(title="Undated", aired_from=None, aired_to=None, year=None)
    html = client.get("/").content.decode()
    names = ["Year 2020", "Dated 2008", "Dated 2005", "Year 2002", "Undated"]
    assert [html.index(name) for name in names] == sorted(html.index(name) for name in names)
