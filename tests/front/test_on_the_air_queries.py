"""Airing now, Upcoming, Popular and the header's suggestions cost the same number of
queries however many titles there are."""

from datetime import date, timedelta

import pytest

from reviews.stats import rankings_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[3, 40])
def many(request, title_factory, user_factory, rate):
    today = date.today()
    member = user_factory()
    for n in range(request.param):
        on_air = title_factory(title=f"On air {n}", aired_from=today - timedelta(days=n + 1),
                               aired_to=None)  # fmt: skip
        rate(member, on_air, "7.0")
        title_factory(title=f"Soon {n}", aired_from=today + timedelta(days=n + 1), aired_to=None)
    rankings_refresh()
    return request.param


@pytest.mark.parametrize("path", ["/airing/", "/upcoming/", "/popular/"])
def test_a_list_page_runs_one_query(client, many, django_assert_num_queries, path):
    # Expect 1 query: one page of titles with their networks and statistics.
    with django_assert_num_queries(1):
        response = client.get(path)
    assert len(response.context["titles"]) == min(many, 24)


def test_suggestions_run_four_queries(client, many, person_factory, django_assert_num_queries):
    for n in range(many):
        person_factory(name=f"On Air Host {n}")
    # Expect 8 queries: matching title ids and matching people ids in a savepoint of their own
    # (4: tests/titles/test_search.py), then those titles and those people.
    with django_assert_num_queries(8):
        response = client.get("/search/suggest/", {"q": "on air"})
    assert len(response.context["titles"]) == min(many, 5)
    assert len(response.context["people"]) == min(many, 3)
