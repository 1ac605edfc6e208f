import pytest
from django.core.exceptions import ValidationError

from recommendations.models import RecommendationVote
from recommendations.services import recommendation_unvote, recommendation_vote

pytestmark = pytest.mark.django_db


def test_a_vote_counts_once_however_often_it_is_cast(recommendation_factory, user):
    recommendation = recommendation_factory()
    recommendation_vote(user=user, recommendation=recommendation)
    recommendation = recommendation_vote(user=user, recommendation=recommendation)

    assert recommendation.votes_count == 1
    assert RecommendationVote.objects.filter(user=user).count() == 1


def test_taking_a_vote_back_removes_only_that_users_vote(
    recommendation_factory, user, user_factory
):
    recommendation = recommendation_factory(votes=2)
    recommendation_vote(user=user, recommendation=recommendation)
    recommendation = recommendation_unvote(user=user, recommendation=recommendation)

    assert recommendation.votes_count == 2
    assert not RecommendationVote.objects.filter(user=user).exists()
    assert RecommendationVote.objects.count() == 2


def test_taking_back_a_vote_never_cast_changes_nothing(recommendation_factory, user):
    recommendation = recommendation_factory(votes=1)
    recommendation = recommendation_unvote(user=user, recommendation=recommendation)
    assert recommendation.votes_count == 1
    assert RecommendationVote.objects.count() == 1


def test_nobody_votes_for_a_pair_they_recommended(recommendation_factory, user):
    recommendation = recommendation_factory(user=user)
    with pytest.raises(ValidationError, match="You recommended this pair yourself"):
        recommendation_vote(user=user, recommendation=recommendation)
    recommendation.refresh_from_db()
    assert recommendation.votes_count == 0
