import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from comments.models import Comment
from comments.selectors import comment_count
from comments.services import comment_delete, comment_edit, comment_hide

pytestmark = pytest.mark.django_db


def test_an_author_edits_their_comment_and_it_shows_as_edited(user, title, comment_factory):
    comment = comment_factory(author=user, target=title, body="Frist")

    edited = comment_edit(comment=comment, editor=user, body=" First! ", is_spoiler=True)

    assert (edited.body, edited.is_spoiler) == ("First!", True)
    assert edited.edited_at is not None


def test_saving_an_unchanged_comment_does_not_mark_it_edited(user, title, comment_factory):
    comment = comment_factory(author=user, target=title, body="Same")
    assert (
        comment_edit(comment=comment, editor=user, body="Same", is_spoiler=False).edited_at is None
    )


def test_nobody_edits_someone_elses_comment(user, other_user, title, comment_factory):
    comment = comment_factory(author=user, target=title, body="Mine")
    with pytest.raises(PermissionDenied, match="only edit your own"):
        comment_edit(comment=comment, editor=other_user, body="Theirs", is_spoiler=False)
    comment.refresh_from_db()
    assert (comment.body, comment.edited_at) == ("Mine", None)


def test_an_edit_follows_the_body_rules(user, title, comment_factory):
    comment = comment_factory(author=user, target=title, body="Mine")
    with pytest.raises(ValidationError, match="empty"):
        comment_edit(comment=comment, editor=user, body="  ", is_spoiler=False)
    with pytest.raises(ValidationError, match="at most 10,000"):
        comment_edit(comment=comment, editor=user, body="x" * 10_001, is_spoiler=False)
    comment.refresh_from_db()
    assert comment.body == "Mine"


def test_a_hidden_comment_cannot_be_edited(user, title, comment_factory):
    comment = comment_factory(author=user, target=title, body="Mine")
    Comment.objects.filter(pk=comment.pk).update(state=Comment.State.HIDDEN)
    with pytest.raises(ValidationError, match="hid this comment"):
        comment_edit(comment=comment, editor=user, body="Sneaky", is_spoiler=False)


def test_deleting_clears_the_text_and_the_count(user, title, comment_factory):
    comment = comment_factory(author=user, target=title, body="Regret")

    comment_delete(comment=comment, user=user)

    comment.refresh_from_db()
    assert (comment.state, comment.body) == (Comment.State.DELETED, "")
    assert comment_count(title) == 0


def test_deleting_a_reply_lowers_its_threads_reply_count(user, title, comment_factory):
    root = comment_factory(target=title)
    reply = comment_factory(author=user, parent=root)
    comment_factory(parent=reply)

    comment_delete(comment=reply, user=user)

    root.refresh_from_db()
    assert root.reply_count == 1
    assert comment_count(title) == 2


def test_nobody_deletes_someone_elses_comment(user, other_user, title, comment_factory):
    comment = comment_factory(author=user, target=title)
    with pytest.raises(PermissionDenied, match="only delete your own"):
        comment_delete(comment=comment, user=other_user)
    comment.refresh_from_db()
    assert comment.state == Comment.State.VISIBLE
    assert comment_count(title) == 1


def test_deleting_twice_is_refused_and_counts_once(user, title, comment_factory):
    comment = comment_factory(author=user, target=title)
    comment_factory(target=title)
    comment_delete(comment=comment, user=user)
    with pytest.raises(ValidationError, match="already deleted"):
        comment_delete(comment=comment, user=user)
    assert comment_count(title) == 1


def test_deleting_a_hidden_comment_leaves_the_count_alone(user, moderator, title, comment_factory):
    comment = comment_factory(author=user, target=title)
    comment_factory(target=title)
    comment_hide(comment=comment, moderator=moderator)

    comment_delete(comment=comment, user=user)

    assert Comment.objects.get(pk=comment.pk).state == Comment.State.DELETED
    assert comment_count(title) == 1
