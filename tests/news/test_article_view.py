from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_an_article_shows_its_text_as_paragraphs_and_the_titles_it_concerns(
    client, article_factory, title_factory
):
    title = title_factory(title="Pure Soul")
    article = article_factory(
        headline="Dramas built around an illness",
        blurb="Why they stay with us.",
        body="First paragraph\nwith a line break.\n\nSecond paragraph.",
        titles=[title],
    )
    html = client.get(article.get_absolute_url()).content.decode()

    assert "<h1" in html and "Dramas built around an illness" in html
    assert "Why they stay with us." in html
    assert "<p>First paragraph<br>with a line break.</p>" in html
    assert "<p>Second paragraph.</p>" in html
    assert "Titles in this article" in html
    assert title.get_absolute_url() in html


def test_the_body_is_escaped(client, article_factory):
    article = article_factory(headline="<i>Bold</i> claims", body="<script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;i&gt;Bold&lt;/i&gt; claims" in html


def test_an_old_slug_redirects_to_the_current_address(client, article_factory):
    article = article_factory()
    response = client.get(f"/news/{article.pk}-an-old-headline/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_a_scheduled_article_is_hidden_from_readers_but_not_from_editors(
    client, article_factory, user, editor
):
    article = article_factory(published_at=timezone.now() + timedelta(days=1))
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(user)
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert "Scheduled" in response.content.decode()


def test_an_unknown_article_is_not_found(client, db):
    assert client.get("/news/999999-nothing/").status_code == 404


@pytest.mark.parametrize("size", [1, 20])
def test_its_query_count_does_not_grow_with_its_titles(
    client, django_assert_num_queries, article_factory, title_factory, size
):
    article = article_factory(titles=title_factory.create_batch(size))
    # Expect 2 queries: the article with its author, then the titles it concerns.
    with django_assert_num_queries(2):
        response = client.get(article.get_absolute_url())
    assert response.content.decode().count('class="title-card"') == size
