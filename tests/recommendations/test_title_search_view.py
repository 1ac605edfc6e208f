"""The suggestions htmx fetches while the user types in the recommendation form."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/recommendations/title-search/"


def test_it_returns_radio_choices_for_the_matching_titles_only(client, title_factory):
    pure = title_factory(title="Pure Soul")
    title_factory(title="Reply 1988")
    html = client.get(URL, {"q": "soul"}, headers={"HX-Request": "true"}).content.decode()

    assert f'<input class="form-check-input" type="radio" name="other" id="other-{pure.pk}"' in html
    assert "Reply 1988" not in html
    assert "<html" not in html


def test_it_finds_titles_by_native_and_alternative_names(
    client, title_factory, alternative_title_factory
):
    seed = title_factory(title="1 Litre of Tears", native_title="1 リットルの涙")
    alternative_title_factory(title=seed, name="Ichi Rittoru no Namida")
    assert "1 Litre of Tears" in client.get(URL, {"q": "リットル"}).content.decode()
    assert "1 Litre of Tears" in client.get(URL, {"q": "rittoru"}).content.decode()


def test_it_leaves_out_the_title_being_recommended_for(client, title_factory):
    page_title = title_factory(title="Pure Soul")
    title_factory(title="Pure Soul Special")
    html = client.get(URL, {"q": "pure", "for": page_title.pk}).content.decode()
    assert f'value="{page_title.pk}"' not in html
    assert "Pure Soul Special" in html


def test_it_offers_at_most_a_few_titles_names_starting_with_the_query_first(
    client, title_factory, settings
):
    settings.RECOMMENDATION_SEARCH_RESULTS = 3
    title_factory(title="A Story of Tears")
    title_factory(title="Tears of Joy")
    for n in range(5):
        title_factory(title=f"Rivers of Tears {n}")
    html = client.get(URL, {"q": "tears"}).content.decode()

    assert html.count('type="radio"') == 3
    assert html.index("Tears of Joy") < html.index("A Story of Tears")


def test_it_keeps_the_title_already_chosen_at_the_top(client, title_factory):
    chosen = title_factory(title="Taiyou no Uta")
    title_factory(title="Pure Soul")
    html = client.get(URL, {"q": "pure", "other": chosen.pk}).content.decode()
    assert html.index("Taiyou no Uta") < html.index("Pure Soul")
    assert f'value="{chosen.pk}" checked' in html


def test_an_empty_query_asks_for_one_and_no_match_says_so(client, db):
    assert "Search above, then pick the title" in client.get(URL, {"q": " "}).content.decode()
    assert "No title matches “zzz”" in client.get(URL, {"q": "zzz"}).content.decode()


def test_the_query_is_escaped(client, db):
    html = client.get(URL, {"q": "<img src=x>"}).content.decode()
    assert "<img src=x>" not in html
    assert "&lt;img src=x&gt;" in html


@pytest.mark.parametrize("size", [2, 30])
def test_suggestions_take_one_query_however_many_titles_match(
    client, django_assert_num_queries, title_factory, size
):
    title_factory.create_batch(size, title="Tears of the sea")
    # Expect 1 query: the matching titles, at most a few of them.
    with django_assert_num_queries(1):
        response = client.get(URL, {"q": "tears"})
    assert response.content.decode().count('type="radio"') == min(size, 8)
