"""The page cache keys a page on what changes it, and nothing a visitor can vary at will:
query parameters the page does not read, and theme cookies that name no theme, share the
page's entry instead of storing one more."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def title(title_factory):
    return title_factory(title="Quiet Harbour", episodes=12)


def misses(responses) -> int:
    """How many of the responses were rendered and stored, rather than read from the cache."""
    states = [response["X-Page-Cache"] for response in responses]
    assert all(response.status_code == 200 for response in responses)
    return states.count("miss")


def test_parameters_a_page_does_not_read_store_no_more_entries(client, title):
    url = title.get_absolute_url()
    responses = [client.get(url, {f"junk{n}": str(n)}) for n in range(40)]
    responses.append(client.get(url))

    assert misses(responses) <= 1
    # Nothing of the left-out parameters reaches the stored page.
    assert "junk" not in responses[-1].content.decode()


def test_listings_are_keyed_on_the_parameters_they_read(client, title_factory):
    title_factory(title="Quiet Harbour", country="JP")
    title_factory(title="Far Shore", country="KR")
    responses = [client.get("/titles/", {"utm_source": f"feed{n}"}) for n in range(20)]
    japan = client.get("/titles/", {"country": "JP", "utm_source": "x"})
    korea = client.get("/titles/", {"country": "KR"})

    assert misses(responses) <= 1
    assert misses([japan, korea]) == 2
    assert "Quiet Harbour" in japan.content.decode()
    assert "Quiet Harbour" not in korea.content.decode()


def test_a_page_number_is_keyed_as_the_page_it_shows(client, title_factory, settings):
    settings.TITLES_PER_PAGE = 1
    title_factory(title="Quiet Harbour")
    title_factory(title="Far Shore")
    odd = ["", "1", "abc", "-3", "0", "1e309", "99999999999999999999", "<b>"]
    first = [client.get("/titles/", {"page": value}) for value in odd]
    second = [client.get("/titles/", {"page": value}) for value in ("2", "02", " 2")]

    assert misses(first) == 1
    assert misses(second) == 1
    assert first[0].content != second[0].content
    # The title page numbers its comments the same way.
    url = title_factory(title="Lantern Street").get_absolute_url()
    assert misses([client.get(url, {"cpage": value}) for value in odd]) == 1


def test_a_theme_cookie_naming_no_theme_is_the_page_without_one(title):
    url = title.get_absolute_url()
    responses = []
    for value in [f"theme-{n}" for n in range(20)] + ["", "light", "dark", "light", "dark"]:
        browser = Client()
        if value:
            browser.cookies["theme"] = value
        responses.append(browser.get(url))

    assert misses(responses) <= 3  # no theme, light and dark
    assert 'media="(prefers-color-scheme: dark)"' in responses[0].content.decode()
