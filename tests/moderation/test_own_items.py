"""One rule wherever a moderator acts: another moderator decides about what they wrote.
Their own comment, review or recommendation reason is neither hidden nor restored by them,
from the comment's buttons, the admin's actions, the services or the queue."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from comments.models import Comment
from comments.services import comment_hide, comment_restore
from recommendations.models import RecommendationReason
from recommendations.services import reason_hide, reason_restore, recommendation_add
from reviews.models import Review
from reviews.services import review_hide, review_restore, review_submit
from tests.comments.factories import CommentFactory
from tests.moderation.test_queue_queries import REVIEW
from tests.recommendations.factories import REASON

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(user_factory):
    """A moderator with staff status (the admin's user), and another who hides their things."""
    moderators = Group.objects.get(name="Moderators")
    me, other = user_factory(username="mod", is_staff=True), user_factory(username="other")
    me.groups.add(moderators)
    other.groups.add(moderators)
    return me, other


def test_a_moderator_cannot_hide_their_own_comment_from_its_button(client, own, title_factory):
    me, _ = own
    comment = CommentFactory(author=me, target=title_factory(), body="My own words.")
    client.force_login(me)

    response = client.post(f"/comments/{comment.pk}/hide/")

    assert response.status_code == 403
    assert "Another moderator decides" in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).state == Comment.State.VISIBLE


def test_a_moderator_cannot_undo_the_hiding_of_their_own_comment(client, own, title_factory):
    me, other = own
    comment = CommentFactory(author=me, target=title_factory(), body="My own words.")
    comment_hide(comment=comment, moderator=other, reason="Off topic.")
    client.force_login(me)

    response = client.post(f"/comments/{comment.pk}/restore/")

    assert response.status_code == 403
    assert Comment.objects.get(pk=comment.pk).state == Comment.State.HIDDEN
    with pytest.raises(PermissionDenied, match="Another moderator decides"):
        comment_restore(comment=comment, moderator=me)


def test_the_admin_leaves_a_moderators_own_comments_as_they_are(client, own, title_factory):
    me, other = own
    mine = CommentFactory(author=me, target=title_factory(), body="My own words.")
    comment_hide(comment=mine, moderator=other, reason="Off topic.")
    client.force_login(me)

    response = client.post(
        "/admin/comments/comment/",
        {"action": "restore", "_selected_action": [mine.pk]},
        follow=True,
    )

    assert "Another moderator decides" in response.content.decode()
    assert Comment.objects.get(pk=mine.pk).state == Comment.State.HIDDEN


def test_the_admin_does_not_restore_a_moderators_own_review(client, own, title_factory):
    me, other = own
    review = review_submit(user=me, title=title_factory(), data=REVIEW)
    review_hide(review=review, moderator=other, reason="Copied from another site.")
    client.force_login(me)

    response = client.post(
        "/admin/reviews/review/",
        {"action": "restore_reviews", "_selected_action": [review.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Another moderator decides" in response.content.decode()
    assert Review.objects.get(pk=review.pk).state == Review.State.HIDDEN
    with pytest.raises(PermissionDenied):
        review_restore(review=review, moderator=me)


def test_the_admin_does_not_hide_a_moderators_own_review(client, own, title_factory):
    me, _ = own
    review = review_submit(user=me, title=title_factory(), data=REVIEW)
    client.force_login(me)

    client.post(
        "/admin/reviews/review/",
        {"action": "hide_reviews", "_selected_action": [review.pk], "reason": "Hiding mine."},
    )

    assert Review.objects.get(pk=review.pk).state == Review.State.VISIBLE


def test_a_moderator_neither_hides_nor_restores_their_own_reason(own, title_factory):
    me, other = own
    recommendation_add(user=me, title=title_factory(), other=title_factory(), reason=REASON)
    reason = RecommendationReason.objects.get()

    with pytest.raises(PermissionDenied):
        reason_hide(reason=reason, moderator=me, why="Hiding mine.")
    reason_hide(reason=reason, moderator=other, why="It gives the ending away.")
    with pytest.raises(PermissionDenied):
        reason_restore(reason=reason, moderator=me)
    assert RecommendationReason.objects.get().state == RecommendationReason.State.HIDDEN


def test_other_moderators_still_hide_and_restore_it(client, own, title_factory):
    me, other = own
    comment = CommentFactory(author=me, target=title_factory(), body="My own words.")
    client.force_login(other)

    assert client.post(f"/comments/{comment.pk}/hide/").status_code == 302
    assert Comment.objects.get(pk=comment.pk).state == Comment.State.HIDDEN
    assert client.post(f"/comments/{comment.pk}/restore/").status_code == 302
    assert Comment.objects.get(pk=comment.pk).state == Comment.State.VISIBLE


def test_a_moderator_sees_no_hide_button_on_their_own_comment(client, own, title_factory):
    me, _ = own
    title = title_factory()
    mine = CommentFactory(author=me, target=title, body="My own words.")
    theirs = CommentFactory(target=title, body="Someone else's words.")
    client.force_login(me)

    html = client.get(title.get_absolute_url()).content.decode()

    assert f'action="/comments/{theirs.pk}/hide/"' in html
    assert f'action="/comments/{mine.pk}/hide/"' not in html
