"""A reply form says what it is for and takes the cursor when it opens."""

import pytest

from tests.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_the_reply_form_is_labelled_as_a_reply_and_takes_the_cursor(client, user, title_factory):
    parent = CommentFactory(target=title_factory())
    client.force_login(user)
    html = client.get(f"/comments/{parent.pk}/reply/", headers={"HX-Request": "true"}).content
    html = html.decode()
    field = f"id_reply_{parent.pk}_body"
    assert f'<label for="{field}" class="form-label">Your reply</label>' in html
    textarea = html[html.index(f'id="{field}"') : html.index("</textarea>")]
    assert " autofocus" in textarea.split(">")[0]


def test_the_edit_page_puts_the_cursor_in_the_text(client, user, title_factory):
    comment = CommentFactory(target=title_factory(), author=user)
    client.force_login(user)
    html = client.get(f"/comments/{comment.pk}/edit/").content.decode()
    textarea = html[html.index("<textarea") : html.index("</textarea>")]
    assert " autofocus" in textarea.split(">")[0]
