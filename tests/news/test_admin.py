"""Editors write articles in the admin."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from news.models import Article

pytestmark = pytest.mark.django_db


def png(size=(120, 80)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, format="PNG")
    return SimpleUploadedFile("banner.png", out.getvalue(), content_type="image/png")


def article_form(**overrides) -> dict:
    data = {
        "headline": "On location",
        "slug": "on-location",
        "blurb": "Where the dramas were filmed.",
        "body": "A first paragraph.",
        "image_alt": "A pier on a lake",
        "published_at_0": "2024-06-03",
        "published_at_1": "08:30:00",
    }
    data.update(overrides)
    return data


def test_an_editor_writes_an_article_with_an_image_about_titles(
    editor_client, editor, title_factory
):
    title = title_factory()
    response = editor_client.post(
        "/admin/news/article/add/", article_form(titles=[title.pk], image=png(), author=editor.pk)
    )

    assert response.status_code == 302
    article = Article.objects.get()
    assert list(article.titles.all()) == [title]
    assert article.image.name.startswith("news/banner")
    assert article.author == editor


def test_a_blurb_on_two_lines_is_refused_in_the_admin(editor_client):
    response = editor_client.post(
        "/admin/news/article/add/", article_form(blurb="One line\nand another")
    )
    assert response.status_code == 200
    assert "The blurb must be a single line." in response.content.decode()
    assert not Article.objects.exists()


def test_the_add_form_prefills_the_author_and_completes_titles(editor_client, editor):
    html = editor_client.get("/admin/news/article/add/").content.decode()
    assert f'<option value="{editor.pk}" selected>' in html
    # Titles are chosen through the autocomplete widget, not one long list.
    assert 'name="titles"' in html
    assert 'class="admin-autocomplete"' in html
    assert 'data-field-name="titles"' in html


def test_the_article_list_searches_and_filters(editor_client, article_factory):
    article_factory(headline="When the illness is the story")
    article_factory(headline="On location")
    html = editor_client.get("/admin/news/article/", {"q": "illness"}).content.decode()
    assert "When the illness is the story" in html
    assert "On location" not in html
    # The date hierarchy drills down by publication date.
    assert "?published_at__year=" in html


def test_people_outside_the_editors_group_cannot_write_articles(client, user_factory):
    client.force_login(user_factory(username="staffer", is_staff=True))
    assert client.get("/admin/news/article/add/").status_code == 403
