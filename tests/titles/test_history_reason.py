"""An editor may say why they change something: the admin's change forms of recorded models
have an optional "Reason for this change", kept as the reason of the change's record and
shown in its History."""

import pytest
from django.utils.html import escape

from tests.titles.test_admin import ADD_URL, title_form
from tests.titles.test_history import change_url, history_url, latest, title_change
from titles.models import Credit, Genre, Title

pytestmark = pytest.mark.django_db

WHY = "The broadcaster's site lists 12 episodes, not 11."


@pytest.fixture
def title(editor_client):
    response = editor_client.post(ADD_URL, title_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    return Title.objects.get()


def test_the_title_change_form_asks_for_an_optional_reason(editor_client, title):
    html = editor_client.get(change_url(title)).content.decode()

    assert '<label for="id_change_reason">Reason for this change:</label>' in html
    assert 'name="change_reason"' in html and 'maxlength="100"' in html


def test_the_reason_given_is_the_reason_of_the_changes_record(editor_client, title):
    data = title_form(episodes="12", change_reason=WHY, **{"alternative_titles-TOTAL_FORMS": "0"})
    response = editor_client.post(change_url(title), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    record = latest(title)
    assert record.episodes == 12 and record.history_change_reason == WHY
    assert f"<td>{escape(WHY)}</td>" in editor_client.get(history_url(title)).content.decode()


def test_without_a_reason_the_change_is_saved_with_none(editor_client, title):
    data = title_form(episodes="12", **{"alternative_titles-TOTAL_FORMS": "0"})
    response = editor_client.post(change_url(title), data)

    assert response.status_code == 302
    assert latest(title).episodes == 12 and latest(title).history_change_reason is None


def test_a_credit_changed_through_the_titles_form_gets_the_reason_too(
    editor_client, title, credit_factory
):
    credit = credit_factory(title=title, character_name="Ikeuchi Aya")
    data = title_change(credit, **{"credits-0-character_name": "Aya", "change_reason": WHY})

    response = editor_client.post(change_url(title), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert latest(Credit.objects.get()).history_change_reason == WHY


def test_a_model_without_fieldsets_has_the_reason_too(editor_client, genre_factory):
    genre = genre_factory(name="Medicl")
    assert "Reason for this change" in editor_client.get(change_url(genre)).content.decode()

    editor_client.post(change_url(genre), {"name": "Medical", "slug": "medical",
                                            "change_reason": "Typo"})  # fmt: skip

    genre = Genre.objects.get()
    assert genre.name == "Medical" and latest(genre).history_change_reason == "Typo"


def test_an_article_change_form_has_the_reason(admin_client):
    assert "Reason for this change" in admin_client.get("/admin/news/article/add/").content.decode()
