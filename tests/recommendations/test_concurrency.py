"""Writers on separate connections recommend, vote and unvote the same pairs at once."""

import random

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from recommendations.models import Recommendation, TitleRecommendationCount
from recommendations.services import (
    recommendation_add,
    recommendation_unvote,
    recommendation_vote,
)
from tests.concurrency import run_together
from tests.recommendations.factories import REASON

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 8
ROUNDS = 12


def test_concurrent_writers_keep_every_counter_true(title_factory, user_factory):
    hub, *others = title_factory.create_batch(4)
    users = user_factory.create_batch(WRITERS)

    def writer(n: int) -> None:
        rng = random.Random(n)
        user = users[n]
        for _ in range(ROUNDS):
            other = rng.choice(others)
            # Half the writers recommend from the other side of the pair.
            title, target = (hub, other) if n % 2 else (other, hub)
            try:
                recommendation = recommendation_add(
                    user=user, title=title, other=target, reason=REASON
                )
            except ValidationError:  # this user already recommended the pair
                recommendation = Recommendation.objects.get(
                    title_low_id=min(hub.pk, other.pk), title_high_id=max(hub.pk, other.pk)
                )
            voter = users[(n + 1) % WRITERS]
            try:
                if rng.random() < 0.6:
                    recommendation_vote(user=voter, recommendation=recommendation)
                else:
                    recommendation_unvote(user=voter, recommendation=recommendation)
            except ValidationError:  # the voter recommended this pair too
                pass

    assert run_together(writer, WRITERS) == []
    call_command("recount_recommendations", "--check")
    assert Recommendation.objects.count() == 3
    assert TitleRecommendationCount.objects.get(title=hub).count == 3
