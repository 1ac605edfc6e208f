"""One search over titles and people, forgiving as people type: case, accents, punctuation,
typos, spelling variants, either name order, and native scripts romanised."""

import pytest
from django.test import Client

from demo.titles import load_seed_title
from tests.titles.test_admin import title_form
from titles.models import AlternativeTitle

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_title():
    return load_seed_title()


@pytest.mark.parametrize(
    "query",
    ["litre of tears", "リットルの涙", "Rittoru no Namida", "diary with tears",
     "1 litre of tars", "ichi ritoru", "1 Liter of Tears", "1 LITRE OF TEARS!", "Lítre"],
)  # fmt: skip
def test_it_finds_a_title_by_any_of_its_names_however_typed(client, seed_title, query):
    response = client.get("/search/", {"q": query})
    assert response.context["titles"][0] == seed_title


def test_a_native_title_is_found_by_its_romanisation_alone(client, seed_title):
    AlternativeTitle.objects.filter(title=seed_title, name__icontains="rittoru").delete()
    response = client.get("/search/", {"q": "rittoru no namida"})
    assert response.context["titles"] == [seed_title]


@pytest.mark.parametrize("query", ["Sawajiri Erika", "Erika Sawajiri", "沢尻エリカ", "沢尻"])
def test_it_finds_a_person_by_either_name_order_or_script(client, seed_title, query):
    response = client.get("/search/", {"q": query})
    assert [person.name for person in response.context["people"]][:1] == ["Sawajiri Erika"]


def test_exact_matches_come_before_prefixes_before_similar_names(client, title_factory):
    title_factory(title="Harbour Master")
    title_factory(title="Harbor Lights")
    title_factory(title="Harbor")
    response = client.get("/search/", {"q": "harbor"})
    assert [t.title for t in response.context["titles"]] == [
        "Harbor",
        "Harbor Lights",
        "Harbour Master",
    ]


def test_a_title_whose_alternative_name_is_the_query_is_an_exact_match(client, title_factory):
    # The rank is judged on the name that matched: an alternative name equal to the query
    # ranks before a title whose own name merely starts with it.
    title_factory(title="Boys Over Flowers Season 2")
    aliased = title_factory(title="Hana Yori Dango")
    AlternativeTitle.objects.create(title=aliased, name="Boys Over Flowers")
    response = client.get("/search/", {"q": "boys over flowers"})
    assert [t.title for t in response.context["titles"]][:1] == ["Hana Yori Dango"]


def test_a_typo_too_far_to_match_gets_a_did_you_mean(client, seed_title):
    html = client.get("/search/", {"q": "litr of tiers"}).content.decode()
    assert "Did you mean" in html and "1 Litre of Tears</a>?" in html


def test_looking_for_a_did_you_mean_leaves_matching_as_strict_as_before(
    client, settings, seed_title
):
    # The suggestion is looked for with a lower similarity threshold; the next search, even
    # in the same database transaction, must match with the usual one again (each search
    # rendered afresh, not answered from the page cache).
    settings.PAGE_CACHE = False
    for _ in range(2):
        context = client.get("/search/", {"q": "litr of tiers"}).context
        assert context["titles"] == [] and context["suggestion"] == "1 Litre of Tears"


def test_it_says_when_nothing_matches(client, seed_title):
    html = client.get("/search/", {"q": "zzzz qqqq"}).content.decode()
    assert "Nothing matches" in html


def test_it_escapes_the_query(client, seed_title):
    html = client.get("/search/", {"q": "<b>bold</b>"}).content.decode()
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


@pytest.mark.parametrize("size", [3, 60])
def test_its_query_count_is_fixed(
    client, django_assert_num_queries, title_factory, person_factory, size
):
    for n in range(size):
        title_factory(title=f"Same name {n}")
        person_factory(name=f"Same Name {n}")
    # Expect 8 queries: in a savepoint of its own that asks the planner for the trigram
    # indexes (the savepoint, the setting, the rollback to the savepoint and its release;
    # outside the test's transaction these are a transaction of their own instead), the
    # matching titles' ids (titles and alternative names, one UNION) and the matching
    # people's ids; then those titles and those people.
    with django_assert_num_queries(8):
        response = client.get("/search/", {"q": "same name"})
    assert len(response.context["titles"]) == min(size, 40)
    assert len(response.context["people"]) == min(size, 12)


@pytest.mark.parametrize("size", [3, 60])
def test_a_did_you_mean_costs_a_fixed_number_of_queries(
    client, django_assert_num_queries, title_factory, person_factory, size
):
    for n in range(size):
        title_factory(title=f"Harbour Lights {n}")
        person_factory(name=f"Harbour Keeper {n}")
    # Expect 9 queries: in a savepoint of its own (the savepoint, the setting that asks for
    # the trigram indexes, the rollback to the savepoint and its release; outside the test's
    # transaction these are a transaction of their own instead), the matching titles' ids and
    # the matching people's ids (none), the lowered threshold and the closest name's id; then
    # that title.
    with django_assert_num_queries(9):
        response = client.get("/search/", {"q": "harbr lihgts"})
    assert response.context["titles"] == [] and response.context["people"] == []
    assert response.context["suggestion"].startswith("Harbour Lights")


def test_suggestions_as_you_type(client, seed_title):
    html = client.get("/search/suggest/", {"q": "sawaj"}).content.decode()
    assert "Sawajiri Erika" in html
    html = client.get("/search/suggest/", {"q": "1 litre"}).content.decode()
    assert seed_title.get_absolute_url() in html


def test_a_query_asked_before_is_answered_from_the_cache_until_the_catalogue_changes(
    editor_client, seed_title, django_assert_num_queries
):
    client = Client()
    first = client.get("/search/", {"q": "litre"})
    assert first["X-Page-Cache"] == "miss" and "1 Litre of Tears" in first.content.decode()
    with django_assert_num_queries(0):
        again = client.get("/search/", {"q": "litre", "utm_source": "mail"})
    assert again["X-Page-Cache"] == "hit"
    suggested = client.get("/search/suggest/", {"q": "litre"}, headers={"HX-Request": "true"})
    assert "1 Litre of Tears" in suggested.content.decode()
    with django_assert_num_queries(0):
        client.get("/search/suggest/", {"q": "litre"}, headers={"HX-Request": "true"})

    change = f"/admin/titles/title/{seed_title.pk}/change/"
    data = title_form(title="One Litre of Tears", **{"alternative_titles-TOTAL_FORMS": "0"})
    assert editor_client.post(change, data).status_code == 302
    renamed = client.get("/search/", {"q": "litre"})
    assert renamed["X-Page-Cache"] == "miss" and "One Litre of Tears" in renamed.content.decode()
