"""/titles/: filters that combine, stay visible and come off one by one, in a fixed number of
queries; readable aliases; a clear empty state; bad values never fail the page."""

from datetime import date, timedelta

import pytest

from titles.models import Genre, Title

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(title_factory):
    romance = Genre.objects.create(name="Romance", slug="romance")
    made = {}
    for name, country, first, last in [
        ("Navillera", "KR", date(2021, 3, 22), date(2021, 4, 27)),
        ("Reply 1988", "KR", date(2015, 11, 6), date(2016, 1, 16)),
        ("Nodame Cantabile", "JP", date(2006, 10, 16), date(2006, 12, 25)),
    ]:
        made[name] = title_factory(
            title=name, country=country, year=first.year, aired_from=first, aired_to=last
        )
    made["Navillera"].genres.add(romance)
    made["Nodame Cantabile"].genres.add(romance)
    return made["Navillera"]


def names(response) -> list[str]:
    return [title.title for title in response.context["titles"]]


def test_filters_combine(client, catalogue):
    response = client.get("/titles/", {"country": "KR", "year_from": "2020"})
    assert names(response) == ["Navillera"]
    assert names(client.get("/titles/", {"genre": "romance", "sort": "title"})) == [
        "Navillera",
        "Nodame Cantabile",
    ]


def test_each_filter_in_force_is_shown_and_removable(client, catalogue):
    response = client.get("/titles/", {"country": "KR", "year_from": "2020"})
    html = response.content.decode()
    assert "Country: South Korea" in html and "From year: 2020" in html
    assert 'href="?year_from=2020"' in html  # without the country
    assert 'href="?country=KR"' in html  # without the year


def test_an_address_with_a_country_name_from_before_the_codes_still_filters(client, catalogue):
    response = client.get("/titles/", {"country": "South Korea", "year_from": "2020"})

    assert names(response) == ["Navillera"]


def test_an_empty_result_suggests_loosening_a_filter(client, catalogue):
    response = client.get("/titles/", {"country": "JP", "year_from": "2020"})
    assert names(response) == []
    assert "Try removing one of them" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"year_from": "abc"},
        {"genre": "no-such-genre"},
        {"type": "opera"},
        {"sort": "'; DROP"},
        {"network": "99999999999999999999"},
    ],
)
def test_a_value_not_understood_is_left_out_with_a_message(client, catalogue, params):
    response = client.get("/titles/", params, follow=True)
    assert response.status_code == 200
    assert "Some filters were not understood" in response.content.decode()
    assert len(names(response)) == 3


@pytest.mark.parametrize(
    ("params", "left_out"),
    [
        ({"year_from": "abc", "country": "KR", "page": "2"}, "From year"),
        ({"type": "<script>", "country": "KR"}, "Type"),
        ({"genre": "not a slug", "country": "KR"}, "Genre"),
        ({"network": "-1", "country": "KR"}, "Network"),
    ],
)
def test_a_value_that_cannot_be_right_is_sent_on_without_it_and_makes_no_page(
    client, catalogue, params, left_out
):
    """Junk in a filter costs a redirect, never a rendered page of its own in the cache."""
    response = client.get("/titles/", params)
    assert response.status_code == 302
    assert response["Location"] == "/titles/?country=KR"
    page = client.get(response["Location"]).content.decode()
    assert f"Some filters were not understood and are left out: {left_out}." in page


def test_the_rankings_send_junk_filters_on_too(client, catalogue):
    response = client.get("/top/", {"type": "opera", "country": "KR"})
    assert (response.status_code, response["Location"]) == (302, "/top/?country=KR")


def test_readable_aliases_lead_to_the_filter(client, catalogue):
    assert client.get("/genres/romance/")["Location"] == "/titles/?genre=romance"
    assert client.get("/tags/diary/")["Location"] == "/titles/?tag=diary"


@pytest.mark.parametrize("size", [3, 40])
def test_browse_with_two_filters_runs_a_fixed_number_of_queries(
    client, title_factory, django_assert_num_queries, size
):
    romance = Genre.objects.create(name="Romance", slug="romance")
    for n in range(size):
        title_factory(country="KR", year=2020 + n % 3).genres.add(romance)
    # Expect 4 queries: the genre chosen, the genres and the networks the filters offer, one
    # page of titles with their networks and statistics (one row more tells if more follow).
    with django_assert_num_queries(4):
        response = client.get("/titles/", {"country": "KR", "genre": "romance"})
    assert len(names(response)) == min(size, 24)


def test_airing_and_upcoming_follow_the_dates(client, title_factory):
    today = date.today()
    title_factory(title="On Air", aired_from=today - timedelta(days=3), aired_to=None)
    title_factory(title="Ends Today", aired_from=today - timedelta(days=90), aired_to=today)
    title_factory(title="Soon", aired_from=today + timedelta(days=9), aired_to=None)
    title_factory(title="Long Done", aired_from=date(2001, 1, 1), aired_to=date(2001, 3, 1))
    assert sorted(names(client.get("/airing/"))) == ["Ends Today", "On Air"]
    assert names(client.get("/upcoming/")) == ["Soon"]
    assert Title.objects.get(title="On Air").status == Title.Status.AIRING
    assert Title.objects.get(title="Long Done").status == Title.Status.FINISHED
