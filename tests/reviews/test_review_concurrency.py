"""Concurrent votes on one review leave the stored counts equal to the votes in the table."""

import pytest
from django.core.management import call_command

from reviews.models import Review, ReviewVote
from reviews.services import review_vote
from tests.concurrency import run_together

pytestmark = pytest.mark.django_db(transaction=True)

VOTERS = 12


def test_concurrent_votes_are_all_counted(user_factory, title_factory, submit_review):
    review = submit_review(user_factory(username="author"), title_factory())
    voters = user_factory.create_batch(VOTERS)

    def cast(n: int) -> None:
        for answer in (True, n % 2 == 0, n % 3 == 0):
            review_vote(user=voters[n], review=review, helpful=answer)

    assert run_together(cast, VOTERS) == []
    review = Review.objects.get(pk=review.pk)
    votes = ReviewVote.objects.filter(review=review)
    assert review.helpful_total == votes.count() == VOTERS
    assert review.helpful_yes == votes.filter(helpful=True).count() == VOTERS // 3
    call_command("recompute_stats", "--check")
