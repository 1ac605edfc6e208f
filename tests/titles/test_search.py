import pytest

from titles import demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_title():
    return demo.load_seed_title()


@pytest.mark.parametrize(
    "query", ["litre of tears", "リットルの涙", "Rittoru no Namida", "diary with tears"]
)
def test_it_finds_a_title_by_any_of_its_names(client, seed_title, query):
    html = client.get("/search/", {"q": query}).content.decode()
    assert seed_title.get_absolute_url() in html
    assert "1 title found" in html


def test_it_says_when_nothing_matches(client, seed_title):
    html = client.get("/search/", {"q": "no such drama"}).content.decode()
    assert "No title matches" in html


def test_it_escapes_the_query(client, seed_title):
    html = client.get("/search/", {"q": "<b>bold</b>"}).content.decode()
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_its_query_count_is_fixed(client, django_assert_num_queries, title_factory):
    title_factory.create_batch(10, title="Same name")
    # Expect 2 queries: the count of matches, then one page of them.
    with django_assert_num_queries(2):
        client.get("/search/", {"q": "same"})


def test_matches_come_newest_first_and_undated_last(client, title_factory):
    from datetime import date

    title_factory(title="Harbor Old", aired_from=date(2001, 1, 1), aired_to=None)
    title_factory(title="Harbor Undated", aired_from=None, aired_to=None)
    title_factory(title="Harbor New", aired_from=date(2020, 1, 1), aired_to=None)
    html = client.get("/search/", {"q": "harbor"}).content.decode()
    assert html.index("Harbor New") < html.index("Harbor Old") < html.index("Harbor Undated")
