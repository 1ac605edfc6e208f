"""Writes of the recommendations app, with the counters they keep true.

Every counter (a recommendation's votes and reasons, a title's number of recommendations)
changes here, in the same transaction as the rows it counts, with `F()` so concurrent writers
add up instead of overwriting each other. Counter rows of the two titles are always updated
lower id first, so two writers never wait for each other in opposite orders.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from accounts.models import User
from core.counters import counter_add
from core.page_cache import pages_changed, title_version
from titles.models import Title

from .models import (
    REASON_MAX_LENGTH,
    REASON_MIN_LENGTH,
    Recommendation,
    RecommendationReason,
    RecommendationVote,
    TitleRecommendationCount,
)


def _check_reason(reason: str) -> str:
    text = reason.strip()
    if len(text) < REASON_MIN_LENGTH:
        raise ValidationError(
            {
                "reason": (
                    f"Please explain your recommendation in at least {REASON_MIN_LENGTH} "
                    f"characters (you wrote {len(text)})."
                )
            },
            code="too_short",
        )
    if len(text) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": f"A reason may be at most {REASON_MAX_LENGTH} characters long."},
            code="too_long",
        )
    return text


def _pages_changed(recommendation: Recommendation) -> None:
    """Both titles' pages show the pair: they are made afresh once the write commits."""
    pages_changed(
        title_version(recommendation.title_low_id), title_version(recommendation.title_high_id)
    )


def _count_titles(low_id: int, high_id: int, delta: int) -> None:
    for title_id in (low_id, high_id):
        counter_add(TitleRecommendationCount, keys={"title_id": title_id}, delta=delta)


@transaction.atomic
def recommendation_add(*, user: User, title: Title, other: Title, reason: str) -> Recommendation:
    """Recommend `other` for `title` (and so `title` for `other`) with the user's reason.

    The first user to pair two titles creates the recommendation; later users add their
    reasons to it. A user may give one reason per pair.
    """
    if title.pk == other.pk:
        raise ValidationError(
            {"other": "A title cannot be recommended for itself; choose another title."},
            code="same_title",
        )
    text = _check_reason(reason)
    low_id, high_id = sorted((title.pk, other.pk))
    # get_or_create retries the read when a concurrent writer created the pair first.
    recommendation, created = Recommendation.objects.get_or_create(
        title_low_id=low_id, title_high_id=high_id
    )
    if created:
        _count_titles(low_id, high_id, +1)
    try:
        with transaction.atomic():
            RecommendationReason.objects.create(
                recommendation=recommendation, user=user, text=text, for_low=title.pk == low_id
            )
    except IntegrityError:
        # The unique constraint decides, so two quick clicks cannot both get through.
        if not RecommendationReason.objects.filter(
            recommendation=recommendation, user=user
        ).exists():
            raise
        raise ValidationError(
            {
                "other": (
                    f"You have already recommended {other.title} for {title.title}; "
                    "each user gives one reason per pair of titles."
                )
            },
            code="duplicate",
        ) from None
    Recommendation.objects.filter(pk=recommendation.pk).update(reasons_count=F("reasons_count") + 1)
    _pages_changed(recommendation)
    recommendation.refresh_from_db(fields=["votes_count", "reasons_count"])
    return recommendation


@transaction.atomic
def recommendation_vote(*, user: User, recommendation: Recommendation) -> Recommendation:
    """Vote the recommendation up; voting again changes nothing."""
    if RecommendationReason.objects.filter(recommendation=recommendation, user=user).exists():
        raise ValidationError(
            "You recommended this pair yourself; votes are for other people's recommendations.",
            code="own_recommendation",
        )
    _, created = RecommendationVote.objects.get_or_create(recommendation=recommendation, user=user)
    if created:
        Recommendation.objects.filter(pk=recommendation.pk).update(votes_count=F("votes_count") + 1)
        _pages_changed(recommendation)
    recommendation.refresh_from_db(fields=["votes_count", "reasons_count"])
    return recommendation


@transaction.atomic
def recommendation_unvote(*, user: User, recommendation: Recommendation) -> Recommendation:
    """Take the user's vote back; without a vote this changes nothing."""
    deleted, _ = RecommendationVote.objects.filter(
        recommendation=recommendation, user=user
    ).delete()
    if deleted:
        Recommendation.objects.filter(pk=recommendation.pk).update(votes_count=F("votes_count") - 1)
        _pages_changed(recommendation)
    recommendation.refresh_from_db(fields=["votes_count", "reasons_count"])
    return recommendation


@transaction.atomic
def recommendation_reason_remove(*, reason: RecommendationReason) -> None:
    """Remove one reason (moderation); a recommendation left without reasons goes too."""
    recommendation = Recommendation.objects.select_for_update().get(pk=reason.recommendation_id)
    deleted, _ = RecommendationReason.objects.filter(pk=reason.pk).delete()
    if not deleted:
        return
    _pages_changed(recommendation)
    if recommendation.reasons_count <= 1:
        # Its votes go with it (cascade); both titles count one recommendation fewer.
        recommendation.delete()
        _count_titles(recommendation.title_low_id, recommendation.title_high_id, -1)
    else:
        Recommendation.objects.filter(pk=recommendation.pk).update(
            reasons_count=F("reasons_count") - 1
        )
