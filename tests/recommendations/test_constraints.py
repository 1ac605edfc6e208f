"""The database itself refuses what the rules forbid, whatever code writes the rows."""

import pytest
from django.db import IntegrityError

from recommendations.models import Recommendation, RecommendationReason, RecommendationVote

pytestmark = pytest.mark.django_db


def pair(title_factory):
    a, b = title_factory(), title_factory()
    return (a, b) if a.pk < b.pk else (b, a)


def test_a_pair_is_stored_lower_title_first(title_factory):
    low, high = pair(title_factory)
    with pytest.raises(IntegrityError, match="recommendation_pair_ordered"):
        Recommendation.objects.create(title_low=high, title_high=low)


def test_a_title_cannot_be_paired_with_itself(title_factory):
    title = title_factory()
    with pytest.raises(IntegrityError, match="recommendation_pair_ordered"):
        Recommendation.objects.create(title_low=title, title_high=title)


def test_a_pair_is_stored_once(title_factory):
    low, high = pair(title_factory)
    Recommendation.objects.create(title_low=low, title_high=high)
    with pytest.raises(IntegrityError, match="recommendation_one_per_pair"):
        Recommendation.objects.create(title_low=low, title_high=high)


def test_a_reason_shorter_than_fifty_characters_is_refused(title_factory, user):
    low, high = pair(title_factory)
    recommendation = Recommendation.objects.create(title_low=low, title_high=high)
    with pytest.raises(IntegrityError, match="recommendationreason_long_enough"):
        RecommendationReason.objects.create(recommendation=recommendation, user=user, text="x" * 49)


def test_a_user_gives_one_reason_per_pair(title_factory, user):
    low, high = pair(title_factory)
    recommendation = Recommendation.objects.create(title_low=low, title_high=high)
    RecommendationReason.objects.create(recommendation=recommendation, user=user, text="x" * 50)
    with pytest.raises(IntegrityError, match="recommendationreason_one_per_user"):
        RecommendationReason.objects.create(recommendation=recommendation, user=user, text="y" * 50)


def test_a_user_votes_once_per_recommendation(title_factory, user):
    low, high = pair(title_factory)
    recommendation = Recommendation.objects.create(title_low=low, title_high=high)
    RecommendationVote.objects.create(recommendation=recommendation, user=user)
    with pytest.raises(IntegrityError, match="recommendationvote_one_per_user"):
        RecommendationVote.objects.create(recommendation=recommendation, user=user)
