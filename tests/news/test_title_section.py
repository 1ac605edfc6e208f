"""News & Articles on a title's page."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_title_page_shows_the_latest_two_published_articles_and_view_all(
    client, title_factory, article_factory
):
    title = title_factory()
    now = timezone.now()
    article_factory(headline="Oldest", titles=[title], published_at=now - timedelta(days=30))
    article_factory(headline="Newer", titles=[title], published_at=now - timedelta(days=2))
    article_factory(
        headline="Newest", blurb="Where it was filmed.", titles=[title], published_at=now
    )
    article_factory(headline="Scheduled", titles=[title], published_at=now + timedelta(days=1))
    article_factory(headline="About another title", titles=[title_factory()])

    html = client.get(title.get_absolute_url()).content.decode()
    section = html[html.index('id="news"') : html.index('id="recommendations"')]

    assert "News &amp; Articles" in section
    assert section.index("Newest") < section.index("Newer")
    assert "Where it was filmed." in section
    assert "Oldest" not in section
    assert "Scheduled" not in section
    assert "About another title" not in section
    assert f'href="/news/?title={title.pk}">View all</a>' in section


def test_news_comes_before_recommendations_on_the_title_page(
    client, title_factory, article_factory
):
    title = title_factory()
    article_factory(titles=[title])
    html = client.get(title.get_absolute_url()).content.decode()
    assert html.index('id="cast-heading"') < html.index('id="news"')
    assert html.index('id="news"') < html.index('id="recommendations"')


def test_a_title_without_articles_shows_no_empty_news_section(client, title_factory):
    title = title_factory()
    assert 'id="news"' not in client.get(title.get_absolute_url()).content.decode()
