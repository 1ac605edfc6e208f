"""Writes of the recommendations app, with the counters they keep true.

Every counter (a recommendation's votes and visible reasons, a title's number of
recommendations) changes here, in the same transaction as the rows it counts, with
core/counters.py's `counter_add`, so concurrent writers add up instead of overwriting each
other. Counter rows of the two titles are always updated lower id first, so two writers never
wait for each other in opposite orders.

Moderators hide reasons rather than remove them: a hidden reason keeps its row (its author is
told why, and it can be restored) but leaves the recommendation's count of reasons, so it no
longer shows on a card nor helps the pair rank. A recommendation whose every reason is hidden
stays, with its votes: its card shows the pair and the votes without a reason, until a reason
is restored or added, or the reasons are removed.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from core.counters import counter_add
from core.moderation import announce, check_may_moderate
from core.versions import member_version, pages_changed, title_version
from social.mentions import mentioned_members
from titles.models import Title

from . import notices
from .models import (
    HIDDEN_WHY_MAX_LENGTH,
    REASON_MAX_LENGTH,
    REASON_MIN_LENGTH,
    Recommendation,
    RecommendationReason,
    RecommendationVote,
    TitleRecommendationCount,
)

MODERATE_PERMISSION = "recommendations.moderate_recommendationreason"


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


def _pages_changed(recommendation: Recommendation, member_id: int | None = None) -> None:
    """The pages of the pair, and the own parts of the member (`member_id`) whose reason or
    vote changed: their vote button shows it."""
    mine = [member_version(member_id)] if member_id is not None else []
    pages_changed(*recommendation_pages(recommendation), *mine)


def recommendation_pages(recommendation: Recommendation) -> list[str]:
    """Both titles' pages show the pair and its reasons (core/versions.py)."""
    return [
        title_version(recommendation.title_low_id, "recommendations"),
        title_version(recommendation.title_high_id, "recommendations"),
    ]


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
    mentioned = mentioned_members(text, user)  # refused if one of them blocks the writer
    low_id, high_id = sorted((title.pk, other.pk))
    # get_or_create retries the read when a concurrent writer created the pair first.
    recommendation, created = Recommendation.objects.get_or_create(
        title_low_id=low_id, title_high_id=high_id
    )
    if created:
        _count_titles(low_id, high_id, +1)
    try:
        with transaction.atomic():
            given = RecommendationReason.objects.create(
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
    _count_reasons(recommendation, +1)
    _pages_changed(recommendation, user.pk)
    notices.recommended(given, mentioned)
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
        _count(recommendation, "votes_count", 1)
        _pages_changed(recommendation, user.pk)
        notices.voted(recommendation, user)
    recommendation.refresh_from_db(fields=["votes_count", "reasons_count"])
    return recommendation


@transaction.atomic
def recommendation_unvote(*, user: User, recommendation: Recommendation) -> Recommendation:
    """Take the user's vote back; without a vote this changes nothing."""
    deleted, _ = RecommendationVote.objects.filter(
        recommendation=recommendation, user=user
    ).delete()
    if deleted:
        _count(recommendation, "votes_count", -1)
        _pages_changed(recommendation, user.pk)
    recommendation.refresh_from_db(fields=["votes_count", "reasons_count"])
    return recommendation


@transaction.atomic
def recommendation_reason_remove(*, reason: RecommendationReason) -> None:
    """Remove one reason (moderation); a recommendation left without reasons goes too.

    Hidden reasons count as reasons here: a pair whose remaining reasons are all hidden
    stays, so that restoring one brings it back whole.
    """
    recommendation = Recommendation.objects.select_for_update().get(pk=reason.recommendation_id)
    state = RecommendationReason.objects.filter(pk=reason.pk).values_list("state", flat=True)
    was = next(iter(state), None)
    if was is None:
        return
    RecommendationReason.objects.filter(pk=reason.pk).delete()
    _pages_changed(recommendation, reason.user_id)
    if not RecommendationReason.objects.filter(recommendation=recommendation).exists():
        # Its votes go with it (cascade); both titles count one recommendation fewer.
        recommendation.delete()
        _count_titles(recommendation.title_low_id, recommendation.title_high_id, -1)
    elif was == RecommendationReason.State.VISIBLE:
        _count_reasons(recommendation, -1)


@transaction.atomic
def reason_hide(
    *, reason: RecommendationReason, moderator: User | AnonymousUser, why: str
) -> RecommendationReason:
    """Hide a reason from everyone but moderators, telling its author `why`.

    The recommendation counts one visible reason fewer. Hiding a hidden reason changes
    nothing, not even its why.
    """
    check_may_moderate(moderator, MODERATE_PERMISSION, author_id=reason.user_id,
                       refused="Only moderators can hide recommendation reasons.")  # fmt: skip
    why = _check_why(why)
    recommendation, locked = _lock(reason)
    if locked.state == RecommendationReason.State.HIDDEN:
        return locked
    locked.state, locked.hidden_reason = RecommendationReason.State.HIDDEN, why
    locked.save(update_fields=["state", "hidden_reason"])
    _count_reasons(recommendation, -1)
    _pages_changed(recommendation)
    announce(locked, kind="reason", author_id=locked.user_id, moderator=moderator,
             verb="hide", note=locked.hidden_reason)  # fmt: skip
    return locked


@transaction.atomic
def reason_restore(
    *, reason: RecommendationReason, moderator: User | AnonymousUser
) -> RecommendationReason:
    """Show a hidden reason again; restoring a visible reason changes nothing."""
    check_may_moderate(moderator, MODERATE_PERMISSION, author_id=reason.user_id,
                       refused="Only moderators can restore recommendation reasons.")  # fmt: skip
    recommendation, locked = _lock(reason)
    if locked.state == RecommendationReason.State.VISIBLE:
        return locked
    locked.state, locked.hidden_reason = RecommendationReason.State.VISIBLE, ""
    locked.save(update_fields=["state", "hidden_reason"])
    _count_reasons(recommendation, +1)
    _pages_changed(recommendation)
    announce(locked, kind="reason", author_id=locked.user_id, moderator=moderator,
             verb="restore", note=locked.hidden_reason)  # fmt: skip
    return locked


def _check_why(why: str) -> str:
    text = why.strip()
    if not text:
        raise ValidationError(
            "Say why the reason is hidden: its author is told.", code="why_missing"
        )
    if len(text) > HIDDEN_WHY_MAX_LENGTH:
        raise ValidationError(
            f"Say why in at most {HIDDEN_WHY_MAX_LENGTH} characters.", code="why_too_long"
        )
    return text


def _lock(reason: RecommendationReason) -> tuple[Recommendation, RecommendationReason]:
    """The reason's recommendation, locked, and the reason as it is now.

    Every change of a reason's state locks its recommendation first, so hiding, restoring
    and removing the reasons of one pair take turns and its count stays true. NO KEY UPDATE
    lets new reasons join the pair meanwhile (their inserts only share the key).
    """
    recommendation = (
        Recommendation.objects.select_for_update(no_key=True)
        .filter(pk=reason.recommendation_id)
        .first()
    )
    locked = RecommendationReason.objects.filter(pk=reason.pk).first()
    if recommendation is None or locked is None:
        raise ValidationError("This reason has been removed.", code="removed")
    return recommendation, locked


def _count_reasons(recommendation: Recommendation, delta: int) -> None:
    _count(recommendation, "reasons_count", delta)


def _count(recommendation: Recommendation, field: str, delta: int) -> None:
    keys = {"pk": recommendation.pk}
    counter_add(Recommendation, keys=keys, field=field, delta=delta, create=False)
