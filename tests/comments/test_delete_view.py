import pytest

from comments.models import Comment
from comments.selectors import comment_count

pytestmark = pytest.mark.django_db


def test_signed_out_deleting_goes_to_sign_in(client, user, title, comment_factory):
    comment = comment_factory(author=user, target=title)
    response = client.post(f"/comments/{comment.pk}/delete/")
    assert response["Location"].startswith("/accounts/login/")
    assert Comment.objects.get(pk=comment.pk).is_visible


def test_someone_elses_comment_cannot_be_deleted(client, user, other_user, title, comment_factory):
    comment = comment_factory(author=user, target=title)
    client.force_login(other_user)
    response = client.post(f"/comments/{comment.pk}/delete/")
    assert response.status_code == 403
    assert "You can only delete your own comments." in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).is_visible


def test_deleting_asks_first(client, user, title, comment_factory):
    comment = comment_factory(author=user, target=title, body="Second thoughts")
    client.force_login(user)
    html = client.get(f"/comments/{comment.pk}/delete/").content.decode()
    assert "Delete your comment?" in html and "Second thoughts" in html
    assert Comment.objects.get(pk=comment.pk).is_visible


def test_deleting_removes_the_text_and_the_count(client, user, title, comment_factory):
    comment = comment_factory(author=user, target=title, body="Second thoughts")
    client.force_login(user)

    response = client.post(f"/comments/{comment.pk}/delete/")

    assert response.status_code == 302
    assert Comment.objects.get(pk=comment.pk).state == Comment.State.DELETED
    assert comment_count(title) == 0
    html = client.get(response["Location"]).content.decode()
    assert "Your comment is deleted." in html and "Second thoughts" not in html


def test_a_deleted_comment_cannot_be_deleted_again(client, user, title, comment_factory):
    comment = comment_factory(author=user, target=title)
    client.force_login(user)
    client.post(f"/comments/{comment.pk}/delete/")
    response = client.post(f"/comments/{comment.pk}/delete/")
    assert response.status_code == 404
    assert "already deleted" in response.content.decode()
