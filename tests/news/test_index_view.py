from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_index_lists_published_articles_newest_first_in_pages(
    client, article_factory, settings
):
    settings.NEWS_PER_PAGE = 2
    now = timezone.now()
    for days, headline in [(3, "Third"), (2, "Second"), (1, "First")]:
        article_factory(headline=headline, published_at=now - timedelta(days=days))
    article_factory(headline="Not yet", published_at=now + timedelta(days=1))

    first = client.get("/news/").content.decode()
    second = client.get("/news/", {"page": 2}).content.decode()

    assert first.index("First") < first.index("Second")
    assert "Third" not in first and "Third" in second
    assert "Not yet" not in first + second
    # Newer / older links only: the index never counts the articles.
    assert 'href="?page=2" rel="next"' in first
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_view_all_keeps_the_articles_about_one_title(client, title_factory, article_factory):
    title = title_factory(title="1 Litre of Tears")
    article_factory(headline="About it", titles=[title])
    article_factory(headline="About something else", titles=[title_factory()])

    html = client.get("/news/", {"title": title.pk}).content.decode()

    assert "News &amp; Articles about 1 Litre of Tears" in html
    assert "About it" in html
    assert "About something else" not in html


@pytest.mark.parametrize("value", ["999999", "abc"])
def test_an_unknown_title_is_not_found(client, db, value):
    assert client.get("/news/", {"title": value}).status_code == 404


def test_no_articles_says_so(client, db):
    assert "No articles yet." in client.get("/news/").content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_its_query_count_does_not_grow_with_articles(
    client, django_assert_num_queries, title_factory, article_factory, size
):
    title = title_factory()
    article_factory.create_batch(size, titles=[title])

    # Expect 2 queries: the title, one page of its articles (one row more, to know whether
    # another page follows; nothing counts them).
    with django_assert_num_queries(2):
        response = client.get("/news/", {"title": title.pk})
    assert response.content.decode().count('class="news-item') == min(size, 10)


@pytest.mark.parametrize("size", [3, 30])
def test_the_whole_index_takes_one_query(client, django_assert_num_queries, article_factory, size):
    article_factory.create_batch(size)
    # Expect 1 query: one page of published articles with their authors, and one row more.
    with django_assert_num_queries(1):
        response = client.get("/news/")
    assert response.content.decode().count('class="news-item') == min(size, 10)


def test_a_title_id_that_is_not_a_number_is_not_found(client, db):
    assert client.get("/news/", {"title": "²"}).status_code == 404
