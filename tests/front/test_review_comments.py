"""Comments on a review, as MyDramaList has them: shown on the review's page (kept in the
page cache until one is posted), its writer hears of them, and they go with the review."""

from decimal import Decimal

import pytest

from comments.models import Comment, CommentCount
from comments.services import comment_post
from reviews.services import review_delete, review_submit
from social.models import Notification
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def test_comments_on_a_review_show_on_its_page_and_tell_its_writer(
    client, user_factory, title_factory, settings
):
    settings.PAGE_CACHE = True
    title = title_factory(title="Pure Soul")
    data = {"headline": "Slow, then devastating", "body": "It takes its time. " * 10,
            "is_spoiler": False, "episodes_seen": 0, "overall": Decimal("8"),
            **dict.fromkeys(("story", "acting", "music", "rewatch"), Decimal("8"))}  # fmt: skip
    review = review_submit(user=user_factory(), title=title, data=data)
    url = review.get_absolute_url()
    assert url == f"/reviews/{review.pk}/"
    assert "Comments (0)" in client.get(url).content.decode()
    reader = user_factory(username="reader")
    said = comment_post(author=reader, target=review, body="This put words to what I felt.")
    html = client.get(url).content.decode()
    assert "Comments (1)" in html and "This put words to what I felt." in html
    (told,) = Notification.objects.for_member(review.user_id)
    assert told.text == f"commented on your review of {review.title}"
    assert told.url == said.get_absolute_url()
    thread = client.get(said.get_absolute_url(), follow=True)
    assert thread.status_code == 200 and "This put words" in thread.content.decode()
    review_delete(user=review.user, review=review)
    assert not Comment.objects.exists() and not CommentCount.objects.filter(count__gt=0).exists()
    assert client.get(url).status_code == 404


def test_a_signed_in_member_posts_on_a_review_page(client, user_factory):
    review = ReviewFactory()
    member = user_factory()
    client.force_login(member)
    html = client.get(review.get_absolute_url()).content.decode()
    assert 'id="id_comment_body"' in html
