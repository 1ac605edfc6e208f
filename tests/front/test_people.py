"""/people/: find a person in either name order or their own script; cards show the titles
each is best known for, in a fixed number of queries."""

import pytest

from demo.titles import load_seed_title
from reviews.stats import rankings_refresh
from titles.models import Credit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["Erika Sawajiri", "Sawajiri Erika", "沢尻エリカ", "沢尻"])
def test_a_person_is_found_by_name_in_any_order_or_script(client, query):
    load_seed_title()
    response = client.get("/people/", {"q": query})
    people = [person.name for person, _ in response.context["cards"]]
    assert people[0] == "Sawajiri Erika"
    assert "1 Litre of Tears" in response.content.decode()  # best known for


def test_nobody_found_says_what_to_try(client):
    html = client.get("/people/", {"q": "zzzz qqqq"}).content.decode()
    assert "Nobody matches" in html and "other name order" in html


def test_best_known_titles_are_the_most_popular(
    client, person_factory, title_factory, user_factory, rate
):
    actor = person_factory(name="Busy Actor")
    titles = [title_factory(title=f"Show {n}") for n in range(5)]
    for n, title in enumerate(titles):
        Credit.objects.create(title=title, person=actor, kind=Credit.Kind.MAIN)
        for member in user_factory.create_batch(n):
            rate(member, title, "8.0")
    rankings_refresh()
    response = client.get("/people/", {"q": "busy actor"})
    ((_, known),) = response.context["cards"]
    assert [t.title for t in known] == ["Show 4", "Show 3", "Show 2"]


@pytest.mark.parametrize("size", [3, 30])
def test_the_people_list_runs_a_fixed_number_of_queries(
    client, person_factory, title_factory, django_assert_num_queries, size
):
    title = title_factory()
    for _ in range(size):
        Credit.objects.create(title=title, person=person_factory(), kind=Credit.Kind.SUPPORT)
    # Expect 2 queries: one page of people by name, their best-known titles (one window query).
    with django_assert_num_queries(2):
        response = client.get("/people/")
    assert len(response.context["cards"]) == min(size, 24)
