"""The home page leads somewhere: trending, airing now, top rated, recently added, the latest
reviews and news, each linking to its full list, in a fixed number of queries. The newest-first
list it used to be is now /titles/ (the browse page's default order)."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_newest_first_is_the_browse_pages_order(client, title_factory):
    title_factory(title="Older", aired_from=date(2001, 1, 1), aired_to=None)
    title_factory(title="Newer", aired_from=date(2020, 1, 1), aired_to=None)
    html = client.get("/titles/").content.decode()
    assert html.index("Newer") < html.index("Older")


@override_settings(TITLES_PER_PAGE=3)
def test_browse_pages_never_count_the_catalogue(client, title_factory):
    for year in range(2000, 2007):
        title_factory(title=f"Made in {year}", aired_from=date(year, 1, 1), aired_to=None)
    first = client.get("/titles/").content.decode()
    third = client.get("/titles/?page=3").content.decode()
    assert "Made in 2006" in first and "Made in 2003" not in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert "Made in 2000" in third
    assert 'rel="next"' not in third and 'rel="prev"' in third
    assert "No more titles" in client.get("/titles/?page=99").content.decode()
    assert "Made in 2006" in client.get("/titles/?page=abc").content.decode()


def test_titles_known_only_by_year_take_their_place_among_dated_ones(client, title_factory):
    title_factory(title="Dated 2005", aired_from=date(2005, 10, 11), aired_to=None)
    title_factory(title="Year 2020", aired_from=None, aired_to=None, year=2020)
    title_factory(title="Year 2002", aired_from=None, aired_to=None, year=2002)
    title_factory(title="Dated 2008", aired_from=date(2008, 1, 5), aired_to=None)
    title_factory(title="Undated", aired_from=None, aired_to=None, year=None)
    html = client.get("/titles/").content.decode()
    names = ["Year 2020", "Dated 2008", "Dated 2005", "Year 2002", "Undated"]
    assert [html.index(name) for name in names] == sorted(html.index(name) for name in names)


def test_an_empty_site_says_so_in_every_section(client):
    html = client.get("/").content.decode()
    assert html.count("Nothing here yet.") == 4
    assert "No reviews yet." in html and "No articles yet." in html


@pytest.mark.slow  # loads the whole demo
def test_the_demo_home_page_leads_to_every_list(client):
    call_command("loaddemo", stdout=io.StringIO())
    html = client.get("/").content.decode()
    for heading, url in [
        ("Trending this week", "/popular/"),
        ("Airing now", "/airing/"),
        ("Top rated", "/top/"),
        ("Recently added", "/titles/?sort=added"),
    ]:
        assert heading in html and f'href="{url}"' in html
    assert "Harbor Lights Diary" in html  # airing now in the demo data
    assert "Latest reviews" in html and "Latest news" in html


@pytest.mark.parametrize("size", [3, 30])
def test_its_query_count_does_not_grow_with_the_site(
    client, django_assert_num_queries, title_factory, user_factory, rate, size
):
    from reviews.stats import rankings_refresh

    member = user_factory()
    today = date.today()
    for n in range(size):
        title = title_factory(aired_from=today - timedelta(days=n), aired_to=None)
        rate(member, title, "8.0")
    rankings_refresh()
    # Expect 6 queries: trending, airing now, top rated, recently added (each a few titles
    # with their statistics), the latest reviews with titles and authors, the latest news.
    with django_assert_num_queries(6):
        response = client.get("/")
    assert response.status_code == 200


def test_a_spoiler_review_is_folded_in_the_latest_reviews(client, title_factory):
    from tests.reviews.factories import ReviewFactory

    ReviewFactory(
        title=title_factory(title="Hidden ending"),
        headline="What a finale",
        is_spoiler=True,
        body="The heroine secretly survives the last episode. " + "More words follow. " * 20,
    )
    html = client.get("/").content.decode()
    assert "What a finale" in html
    start = html.index('id="home-reviews"')
    section = html[start : html.index("</section>", start)]
    # The text is in the page only inside a closed fold that says what it holds.
    assert section.count("secretly survives") == 1
    fold = section[section.index("<details") : section.index("</details>")]
    assert "secretly survives" in fold
    assert "<details open" not in fold
    assert "Contains spoilers" in fold


@override_settings(TOP_MIN_RATINGS=1)
def test_the_most_trending_title_leads_and_no_title_shows_twice(
    client, title_factory, user_factory, rate
):
    from reviews.stats import rankings_refresh

    member = user_factory()
    for n in range(12):
        rate(member, title_factory(title=f"Title number {n:02}"), f"{5 + n % 5}.0")
    rankings_refresh()
    html = client.get("/").content.decode()
    featured = html[html.index('class="featured"') : html.index("</article>")]
    names = [f"Title number {n:02}" for n in range(12)]
    leader = [name for name in names if name in featured]
    assert len(leader) == 1
    sections = html.split('class="home-section')[1:]
    assert len(sections) >= 2  # trending, top rated and recently added share these titles
    for name in names:
        shown = sum(f">{name}<" in section for section in sections) + (name == leader[0])
        assert shown <= 1, name


def test_latest_reviews_are_labelled_by_headline_or_first_words(client, title_factory):
    from tests.reviews.factories import ReviewFactory

    body = "Quiet and patient storytelling that rewards anyone willing to wait. " * 3
    ReviewFactory(title=title_factory(), headline="", body=body)
    ReviewFactory(title=title_factory(), headline="", body="Twist: " + body, is_spoiler=True)
    html = client.get("/").content.decode()
    start = html.index('id="home-reviews"')
    section = html[start : html.index("</section>", start)]
    assert ">Quiet and patient storytelling that rewards anyone willing …</a></h3>" in section
    assert ">A review with spoilers</a></h3>" in section
    assert "A review ·" not in section


def test_a_write_makes_again_only_the_home_pages_parts_that_show_it(
    client, settings, title_factory, user_factory, rate
):
    """Home is three stored parts (core/part_cache.py): a rating makes the titles and the
    latest reviews again (a rating moves every review list's version) and reads the news
    back; a new article makes only the news again. Each page so made is a fresh render's."""
    from core.versions import NEWS, pages_changed
    from tests.news.factories import ArticleFactory

    title = title_factory(title="Quiet Harbour")
    client.get("/")
    rate(user_factory(), title, "8.0")
    rated = client.get("/")
    assert rated["X-Part-Cache"].startswith("hit 1, miss 2,")
    ArticleFactory(headline="A new season is coming")
    pages_changed(NEWS)  # as the news admin does on a save
    published = client.get("/")
    assert published["X-Part-Cache"].startswith("hit 2, miss 1,")
    assert "A new season is coming" in published.content.decode()
    settings.PAGE_CACHE = False
    assert client.get("/").content.decode() == published.content.decode()
