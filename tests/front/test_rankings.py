"""/top/ and /popular/ list titles by the stored Ranked and Popularity, with the very numbers
the title pages show, filterable by country and type, in a fixed number of queries."""

import re

import pytest

from reviews.models import TitleStats
from reviews.stats import rankings_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def ranked(title_factory, user_factory, rate, settings):
    settings.TOP_MIN_RATINGS = 2
    titles = {
        "Loved": title_factory(title="Loved", country="JP"),
        "Liked": title_factory(title="Liked", country="KR"),
        "Barely seen": title_factory(title="Barely seen", country="JP"),
    }
    members = user_factory.create_batch(4)
    for member in members:
        rate(member, titles["Loved"], "9.5")
        rate(member, titles["Liked"], "7.0")
    rate(members[0], titles["Barely seen"], "10.0")
    rankings_refresh()
    return titles


def names(response) -> list[str]:
    return [title.title for title in response.context["titles"]]


def test_top_lists_titles_with_enough_scores_at_their_stored_rank(client, ranked):
    response = client.get("/top/")
    assert names(response) == ["Loved", "Liked"]
    html = response.content.decode()
    for title in ("Loved", "Liked"):
        rank = TitleStats.objects.get(title=ranked[title]).rank
        assert f"<strong>#{rank}</strong>" in html
        page = client.get(ranked[title].get_absolute_url()).content.decode()
        assert f"#{rank}" in page  # the same number on the title's own page


def test_popular_lists_by_watchers(client, ranked):
    assert names(client.get("/popular/"))[:2] == ["Loved", "Liked"]


def test_rankings_filter_by_country_and_keep_the_numbers(client, ranked):
    response = client.get("/top/", {"country": "KR"})
    assert names(response) == ["Liked"]
    rank = TitleStats.objects.get(title=ranked["Liked"]).rank
    assert f"<strong>#{rank}</strong>" in response.content.decode()


@pytest.mark.parametrize("size", [3, 40])
def test_top_runs_a_fixed_number_of_queries(
    client, title_factory, user_factory, rate, settings, django_assert_num_queries, size
):
    settings.TOP_MIN_RATINGS = 1
    member = user_factory()
    for n in range(size):
        rate(member, title_factory(), f"{5 + n % 5}.0")
    rankings_refresh()
    # Expect 1 query: one page of ranked titles with their networks and statistics.
    with django_assert_num_queries(1):
        response = client.get("/top/", {"type": "drama"})
    assert len(names(response)) == min(size, 24)


def test_a_title_below_the_minimum_is_not_ranked_so_top_has_no_gaps(client, ranked):
    # "Barely seen" has one score, under the minimum of two that /top/ asks for.
    barely = TitleStats.objects.get(title=ranked["Barely seen"])
    assert barely.rank is None
    assert list(
        TitleStats.objects.exclude(rank=None).order_by("rank").values_list("rank", flat=True)
    ) == [1, 2]
    page = client.get(ranked["Barely seen"].get_absolute_url()).content.decode()
    assert "<dt>Ranked</dt><dd>N/A" in page
    html = client.get("/top/").content.decode()
    assert "<strong>#1</strong>" in html and "<strong>#2</strong>" in html


def test_top_shows_the_weighted_score_it_is_ordered_by(
    client, title_factory, user_factory, rate, settings
):
    settings.TOP_MIN_RATINGS = 1
    settings.RATING_WEIGHT_MIN_VOTES = 10
    many, few = title_factory(title="Many"), title_factory(title="Few")
    members = user_factory.create_batch(12)
    for member in members:
        rate(member, many, "8.5")
    rate(members[0], few, "9.5")
    rate(members[0], title_factory(title="Low"), "3.0")  # pulls the mean of all titles down
    rankings_refresh()
    response = client.get("/top/")
    assert names(response) == ["Many", "Few", "Low"]  # by the mean alone Few would come first
    html = response.content.decode()
    shown = [
        float(value) for value in re.findall(r'class="score-chip"[^>]*>Weighted ([\d.]+)', html)
    ]
    assert len(shown) == 3
    assert shown == sorted(shown, reverse=True)
    assert "Mean 9.5" in html and "Mean 8.5" in html
