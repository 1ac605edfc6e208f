from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from news.models import Article

pytestmark = pytest.mark.django_db


def test_published_leaves_out_articles_scheduled_for_later(article_factory):
    out = article_factory()
    article_factory(published_at=timezone.now() + timedelta(hours=1))
    assert list(Article.objects.published()) == [out]


def test_a_blurb_is_one_line(article_factory):
    with pytest.raises(IntegrityError, match="article_blurb_one_line"):
        article_factory(blurb="First line\nsecond line")


def test_a_slug_is_made_from_the_headline_when_left_empty(article_factory):
    article = article_factory(headline="On location: where dramas are filmed", slug="")
    assert article.slug == "on-location-where-dramas-are-filmed"
    assert article.get_absolute_url() == f"/news/{article.pk}-on-location-where-dramas-are-filmed/"
