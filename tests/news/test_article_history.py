"""An article's edits are recorded, shown in the admin with before and after, and one can be
reverted there; the news pages show the old text again at once."""

import pytest
from django.test import Client

from news.models import Article
from tests.news.test_admin import article_form

pytestmark = pytest.mark.django_db

ADMIN = "/admin/news/article/"


@pytest.fixture
def article(editor_client, editor, title_factory):
    """Written in the admin about one title, then given a new headline and a second title."""
    first, second = title_factory(title="Quiet Harbour"), title_factory(title="Paper Bridge")
    editor_client.post(f"{ADMIN}add/", article_form(titles=[first.pk], author=editor.pk))
    article = Article.objects.get()
    response = editor_client.post(
        f"{ADMIN}{article.pk}/change/",
        article_form(headline="Filmed by the sea", titles=[first.pk, second.pk], author=editor.pk),
    )
    assert response.status_code == 302
    return article


def test_the_headline_and_linked_titles_show_before_and_after(editor_client, article):
    html = editor_client.get(f"{ADMIN}{article.pk}/history/").content.decode()

    assert "<strong>Headline:</strong> On location &rarr; Filmed by the sea</li>" in html
    assert (
        "<strong>Titles:</strong> Quiet Harbour (2020) &rarr; "
        "Paper Bridge (2020), Quiet Harbour (2020)</li>"
    ) in html


def test_reverting_the_headline_shows_the_old_one_on_the_article_page_at_once(
    editor_client, article
):
    visitor = Client()
    assert "Filmed by the sea" in visitor.get(article.get_absolute_url()).content.decode()
    change = article.history.filter(headline="Filmed by the sea").order_by("history_id").first()

    editor_client.post(f"{ADMIN}{article.pk}/history/{change.history_id}/revert/")

    article.refresh_from_db()
    assert article.headline == "On location"
    assert article.titles.count() == 2  # a separate change, kept
    assert "On location" in visitor.get(article.get_absolute_url()).content.decode()
