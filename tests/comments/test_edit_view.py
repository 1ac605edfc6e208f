import pytest

from comments.models import Comment
from comments.services import comment_hide

pytestmark = pytest.mark.django_db


def test_signed_out_editing_goes_to_sign_in(client, user, title, comment_factory):
    comment = comment_factory(author=user, target=title, body="Mine")
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "Changed"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Comment.objects.get(pk=comment.pk).body == "Mine"


def test_someone_elses_comment_cannot_be_edited(client, user, other_user, title, comment_factory):
    comment = comment_factory(author=user, target=title, body="Mine")
    client.force_login(other_user)

    page = client.get(f"/comments/{comment.pk}/edit/")
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "Theirs"})

    assert page.status_code == response.status_code == 403
    assert "You can only edit your own comments." in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).body == "Mine"


def test_the_edit_form_starts_with_the_current_text(client, user, title, comment_factory):
    comment = comment_factory(author=user, target=title, body="Current <text>")
    client.force_login(user)
    html = client.get(f"/comments/{comment.pk}/edit/").content.decode()
    assert "Current &lt;text&gt;</textarea>" in html


def test_an_empty_edit_is_refused_and_the_comment_kept(client, user, title, comment_factory):
    comment = comment_factory(author=user, target=title, body="Mine")
    client.force_login(user)
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "   "})
    assert "the comment is empty" in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).body == "Mine"


def test_editing_saves_marks_it_edited_and_returns_to_it(client, user, title, comment_factory):
    comment = comment_factory(author=user, target=title, body="Frist")
    client.force_login(user)

    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "First", "is_spoiler": ""})

    assert response["Location"] == f"{title.get_absolute_url()}#comment-{comment.pk}"
    html = client.get(response["Location"]).content.decode()
    assert "First" in html and "(edited)" in html


def test_a_hidden_comment_cannot_be_edited_by_its_author(
    client, user, moderator, title, comment_factory
):
    comment = comment_factory(author=user, target=title, body="Mine")
    comment_hide(comment=comment, moderator=moderator)
    client.force_login(user)
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "Sneaky"})
    assert response.status_code == 404
    assert Comment.objects.get(pk=comment.pk).body == "Mine"
