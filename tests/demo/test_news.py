import io

import pytest
from django.core.management import call_command

from news.models import Article
from titles.models import Title

# Each test loads the whole demo.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_writes_two_articles_about_the_seed_title_with_images(client):
    call_command("loaddemo", stdout=io.StringIO())
    call_command("loaddemo", stdout=io.StringIO())

    assert Article.objects.count() == 2
    seed = Title.objects.get(title="1 Litre of Tears")
    html = client.get(seed.get_absolute_url()).content.decode()
    section = html[html.index('id="news"') : html.index('id="recommendations"')]
    assert section.count('class="news-item') == 2
    assert "illness" in section
    assert "filming locations" in section
    for article in Article.objects.all():
        assert article.image and article.image.storage.exists(article.image.name)


def test_demo_articles_have_paragraphs_without_hard_line_breaks(db):
    call_command("loaddemo", stdout=io.StringIO())
    for article in Article.objects.all():
        paragraphs = article.body.split("\n\n")
        assert len(paragraphs) >= 4
        assert all("\n" not in paragraph for paragraph in paragraphs)
