"""The queue and an item's page take the same number of queries however much is reported."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from moderation.models import Report
from recommendations.models import RecommendationReason
from recommendations.services import recommendation_add
from reviews.services import review_submit
from tests.comments.factories import CommentFactory
from tests.factories import TitleFactory, UserFactory

pytestmark = pytest.mark.django_db

REVIEW = {
    "headline": "Too slow",
    "body": "The first half drags on and on before anything at all happens to anyone. " * 3,
    "is_spoiler": False,
    "episodes_seen": 10,
    **{score: Decimal("4.0") for score in ("overall", "story", "acting", "music", "rewatch")},
}


def reported_items(size: int) -> list[tuple[str, int]]:
    """`size` items of every kind, each written by its own author and reported twice."""
    items = []
    for n in range(size):
        author = UserFactory(bio="Cheap watches, visit my shop.")
        title, other = TitleFactory(), TitleFactory()
        comment = CommentFactory(author=author, target=title)
        review = review_submit(user=author, title=title, data=REVIEW)
        reason = "Both are about a family that keeps a secret for years."
        recommendation_add(user=author, title=title, other=other, reason=reason)
        given = RecommendationReason.objects.get(user=author)
        for kind, pk in [("comment", comment.pk), ("review", review.pk),
                         ("reason", given.pk), ("profile", author.pk)]:  # fmt: skip
            items.append((kind, pk))
            why = Report.Reason.SPAM if n % 2 else Report.Reason.ABUSE
            for reporter in UserFactory.create_batch(2):
                Report.objects.create(
                    reporter=reporter, kind=kind, object_id=pk, author=author, reason=why
                )
    return items


@pytest.fixture
def moderator_client(client):
    moderator = UserFactory(username="mod")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    client.get("/moderation/")  # the moderator's permissions are read once, then cached
    return client


@pytest.mark.parametrize("size", [1, 6])
def test_the_queue_takes_nine_queries_at_any_size(
    moderator_client, size, django_assert_num_queries
):
    reported_items(size)
    # Expect 9 queries:
    # (the signed-in moderator, their session and permissions come from the cache)
    #   1. a page of open reports grouped by item, the most reported first
    #   2-5. the items on the page, one query per kind, each with its author
    #   6. the open reports of those items tallied by reason
    #   7-8. their authors' records: past actions, and reports received
    with django_assert_num_queries(8):
        response = moderator_client.get("/moderation/")
    html = response.content.decode()
    assert html.count('class="card mb-3 queue-item"') == min(4 * size, 20)
    assert "2 reports" in html


@pytest.mark.parametrize("size", [1, 6])
def test_an_items_page_takes_seven_queries_at_any_size(
    moderator_client, size, django_assert_num_queries
):
    items = reported_items(size)
    kind, pk = items[1]  # a review
    # Expect 7 queries:
    # (the signed-in moderator comes from the cache)
    #   1. the item with its author and title
    #   2. its latest reports with their reporters
    #   3. what moderators did about it
    #   4. what moderators did about its author's writing lately
    #   5-6. the author's record: past actions, and reports received
    with django_assert_num_queries(6):
        response = moderator_client.get(f"/moderation/{kind}/{pk}/")
    assert "The first half drags on" in response.content.decode()
