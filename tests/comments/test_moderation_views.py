import pytest

from comments.models import Comment
from comments.selectors import comment_count

pytestmark = pytest.mark.django_db


def test_signed_out_hiding_goes_to_sign_in(client, title, comment_factory):
    comment = comment_factory(target=title)
    response = client.post(f"/comments/{comment.pk}/hide/")
    assert response["Location"].startswith("/accounts/login/")
    assert Comment.objects.get(pk=comment.pk).is_visible


def test_readers_outside_the_moderators_group_cannot_hide(client, user, title, comment_factory):
    comment = comment_factory(target=title)
    client.force_login(user)
    response = client.post(f"/comments/{comment.pk}/hide/")
    assert response.status_code == 403
    assert "Only moderators can hide comments." in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).is_visible


def test_a_moderator_hides_then_restores_from_the_page(client, moderator, title, comment_factory):
    comment = comment_factory(target=title, body="Borderline")
    client.force_login(moderator)

    hidden = client.post(f"/comments/{comment.pk}/hide/")
    assert Comment.objects.get(pk=comment.pk).state == Comment.State.HIDDEN
    assert comment_count(title) == 0
    assert "The comment is hidden." in client.get(hidden["Location"]).content.decode()

    restored = client.post(f"/comments/{comment.pk}/restore/")
    assert Comment.objects.get(pk=comment.pk).is_visible
    assert comment_count(title) == 1
    assert "The comment is visible again." in client.get(restored["Location"]).content.decode()


def test_restoring_a_visible_comment_is_refused_with_a_message(
    client, moderator, title, comment_factory
):
    comment = comment_factory(target=title)
    client.force_login(moderator)
    response = client.post(f"/comments/{comment.pk}/restore/", follow=True)
    assert "Only a hidden comment can be restored." in response.content.decode()
    assert comment_count(title) == 1


def test_hiding_needs_a_post(client, moderator, title, comment_factory):
    comment = comment_factory(target=title)
    client.force_login(moderator)
    assert client.get(f"/comments/{comment.pk}/hide/").status_code == 405
    assert Comment.objects.get(pk=comment.pk).is_visible
