"""Concurrent votes on one review leave the stored counts equal to the votes in the table."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection

from reviews.models import Review, ReviewVote
from reviews.services import review_vote

pytestmark = pytest.mark.django_db(transaction=True)

VOTERS = 12


def test_concurrent_votes_are_all_counted(user_factory, title_factory, submit_review):
    review = submit_review(user_factory(username="author"), title_factory())
    voters = user_factory.create_batch(VOTERS)
    barrier = threading.Barrier(VOTERS)
    errors = []

    def cast(n: int) -> None:
        try:
            barrier.wait()
            for answer in (True, n % 2 == 0, n % 3 == 0):
                review_vote(user=voters[n], review=review, helpful=answer)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=cast, args=(n,)) for n in range(VOTERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    review = Review.objects.get(pk=review.pk)
    votes = ReviewVote.objects.filter(review=review)
    assert review.helpful_total == votes.count() == VOTERS
    assert review.helpful_yes == votes.filter(helpful=True).count() == VOTERS // 3
    call_command("recompute_stats", "--check")
