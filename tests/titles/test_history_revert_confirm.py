"""Reverting a change asks first: the History links to a page showing what the revert would
set (field: now → after the revert), which does it only when confirmed by a POST. A revert is
marked as one, offers to be undone in those words, and its note names the change exactly."""

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import escape

from tests.titles.test_history import change_url, history_url, latest, revert_url, title_change
from tests.titles.test_history import edited as edited  # the fixture

pytestmark = pytest.mark.django_db


def test_the_confirmation_shows_what_the_revert_would_set_and_changes_nothing(
    editor_client, edited
):
    _, credit = edited
    record = latest(credit)
    count = credit.history.count()

    response = editor_client.get(revert_url(credit, record))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<tr><th scope="row">Character name</th><td>Aya</td><td>Ikeuchi Aya</td></tr>' in html
    assert f'<form method="post" action="{revert_url(credit, record)}">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<button type="submit" class="button">Yes, revert this change</button>' in html
    credit.refresh_from_db()
    assert credit.character_name == "Aya" and credit.history.count() == count


def test_the_history_links_to_the_confirmation_and_posts_nothing(editor_client, edited):
    _, credit = edited

    html = editor_client.get(history_url(credit)).content.decode()

    assert f'<a class="button" href="{revert_url(credit, latest(credit))}">' in html
    assert 'method="post"' not in html.split('id="change-history"')[1]


def test_a_revert_without_the_csrf_token_is_refused(edited, editor):
    _, credit = edited
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)

    response = strict.post(revert_url(credit, latest(credit)))

    assert response.status_code == 403
    credit.refresh_from_db()
    assert credit.character_name == "Aya"


def test_a_revert_is_marked_as_one_and_offers_to_be_undone_in_those_words(editor_client, edited):
    _, credit = edited
    reverted = latest(credit)
    editor_client.post(revert_url(credit, reverted))
    revert = latest(credit)

    history = editor_client.get(history_url(credit)).content.decode()
    confirm = editor_client.get(revert_url(credit, revert)).content.decode()

    assert revert.history_reverts == reverted.history_id
    assert f"Revert of #{reverted.history_id}" in history
    assert f'href="{revert_url(credit, revert)}">Undo this revert…</a>' in history
    assert f"This change was the revert of #{reverted.history_id}" in confirm
    assert '<button type="submit" class="button">Yes, undo this revert</button>' in confirm
    assert "<td>Ikeuchi Aya</td><td>Aya</td>" in confirm


def test_each_revert_note_names_its_change_by_id_second_editor_and_fields(editor_client, edited):
    title, credit = edited
    synopsis_change = latest(title)
    name_change = latest(credit)
    editor_client.post(change_url(title), title_change(credit, synopsis="Another synopsis."))

    editor_client.post(revert_url(title, synopsis_change))
    editor_client.post(revert_url(credit, name_change))

    def when(record) -> str:
        return format_date(timezone.localtime(record.history_date), "M j, Y, H:i:s")

    assert latest(title).history_change_reason == (
        f"Reverted #{synopsis_change.history_id} of {when(synopsis_change)} by editor: Synopsis"
    )
    assert latest(credit).history_change_reason == (
        f"Reverted #{name_change.history_id} of {when(name_change)} by editor: Character name"
    )
    page = editor_client.get(history_url(credit)).content.decode()
    assert escape(latest(credit).history_change_reason) in page


@pytest.mark.parametrize("who", ["member", "staff without rights"])
def test_only_an_editor_with_change_rights_sees_the_confirmation(client, edited, user_factory, who):
    from django.contrib.auth.models import Permission

    _, credit = edited
    user = user_factory(username="reader", is_staff=who != "member")
    user.user_permissions.add(Permission.objects.get(codename="view_credit"))
    client.force_login(user)

    response = client.get(revert_url(credit, latest(credit)))

    assert response.status_code == (302 if who == "member" else 403)
