import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from comments.models import Comment
from comments.selectors import comment_count
from comments.services import comment_delete, comment_hide, comment_restore

pytestmark = pytest.mark.django_db


def test_a_moderator_hides_and_restores_a_reply_and_both_counts_follow(
    moderator, title, comment_factory
):
    root = comment_factory(target=title)
    reply = comment_factory(parent=root)

    comment_hide(comment=reply, moderator=moderator)
    root.refresh_from_db()
    assert (comment_count(title), root.reply_count) == (1, 0)
    assert Comment.objects.get(pk=reply.pk).state == Comment.State.HIDDEN

    comment_restore(comment=reply, moderator=moderator)
    root.refresh_from_db()
    assert (comment_count(title), root.reply_count) == (2, 1)


def test_someone_outside_the_moderators_group_cannot_hide_or_restore(
    user, moderator, title, comment_factory
):
    comment = comment_factory(author=user, target=title)
    with pytest.raises(PermissionDenied, match="Only moderators"):
        comment_hide(comment=comment, moderator=user)
    comment_hide(comment=comment, moderator=moderator)
    with pytest.raises(PermissionDenied, match="Only moderators"):
        comment_restore(comment=comment, moderator=user)
    assert Comment.objects.get(pk=comment.pk).state == Comment.State.HIDDEN


def test_hiding_twice_or_restoring_a_visible_comment_is_refused(moderator, title, comment_factory):
    comment = comment_factory(target=title)
    with pytest.raises(ValidationError, match="Only a hidden comment"):
        comment_restore(comment=comment, moderator=moderator)
    comment_hide(comment=comment, moderator=moderator)
    with pytest.raises(ValidationError, match="Only a visible comment"):
        comment_hide(comment=comment, moderator=moderator)
    assert comment_count(title) == 0


def test_a_deleted_comment_cannot_be_restored(user, moderator, title, comment_factory):
    comment = comment_factory(author=user, target=title)
    comment_delete(comment=comment, user=user)
    with pytest.raises(ValidationError):
        comment_restore(comment=comment, moderator=moderator)
    with pytest.raises(ValidationError):
        comment_hide(comment=comment, moderator=moderator)
    assert comment_count(title) == 0


def test_a_superuser_may_moderate_without_the_group(user_factory, title, comment_factory):
    admin = user_factory(username="root", is_superuser=True, is_staff=True)
    comment = comment_factory(target=title)
    comment_hide(comment=comment, moderator=admin)
    assert comment_count(title) == 0
