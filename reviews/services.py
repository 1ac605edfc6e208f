"""Writes that change what users think of titles, with the statistics they feed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from core.moderation import announce, check_may_moderate
from core.versions import RATINGS, REVIEWS, member_version, pages_changed, title_version
from social.mentions import mentioned_members
from titles.models import Title

from . import notices
from .member_stats import genres_of, member_stats_change, part_of
from .models import HIDDEN_REASON_MAX_LENGTH, PLANNED_WITHOUT_SCORE, ListEntry, Review, ReviewVote
from .scores import SUB_SCORES
from .stats import (
    WilsonLowerBound,
    apply_review_change,
    apply_score_change,
    counted_copy,
    stats_for_update,
)
from .unaired import not_aired_message

RATING_FIELDS = ["ratings_count", "ratings_sum", "histogram", "watchers"]
REVIEW_FIELDS = ["review_count", *[f"{name}_sum" for name, _ in SUB_SCORES]]
KEEP_SCORE_OF_REVIEW = (
    "You reviewed this title, and your review's Overall is your score for it: choose a new "
    "score, or delete your review before taking the score away."
)
KEEP_ENTRY_OF_REVIEW = (
    "You reviewed this title, so it stays on your list with your review's Overall as its "
    "score. Delete your review first to remove the title from your list."
)
REVIEW_INPUTS = ["headline", "body", "is_spoiler", "episodes_seen", *[n for n, _ in SUB_SCORES]]
MODERATE_PERMISSION = "reviews.moderate_review"
HIDDEN_REVIEW = "This review was hidden by a moderator."


@transaction.atomic
def list_entry_save(
    *,
    user: User,
    title: Title,
    status: str,
    score: Decimal | None,
    episodes_seen: int = 0,
    started_on: date | None = None,
    finished_on: date | None = None,
    note: str | None = None,
    rewatch_count: int | None = None,
    priority: str | None = None,
    is_private: bool | None = None,
) -> ListEntry:
    """Put `title` on the user's list, or change the entry already there.

    A member who reviewed the title has one score for it, the review's Overall: a new score
    becomes the review's Overall too, and a score cannot be taken away while the review
    stands. Before the title airs it can only be planned. The note, rewatches, priority and
    privacy stay as they are unless given.
    """
    if not title.has_aired and (
        status != ListEntry.Status.PLAN_TO_WATCH
        or score is not None
        or episodes_seen
        or started_on
        or finished_on
    ):
        raise ValidationError(not_aired_message(title), code="not_aired")
    if status == ListEntry.Status.PLAN_TO_WATCH and score is not None:
        raise ValidationError({"score": PLANNED_WITHOUT_SCORE}, code="planned")
    stats = stats_for_update(title.pk)
    pages_changed(*entry_pages(title.pk), member_version(user.pk))
    review = Review.objects.select_for_update().filter(user=user, title=title).first()
    if review is not None and score is None:
        raise ValidationError({"score": KEEP_SCORE_OF_REVIEW}, code="reviewed")
    entry = ListEntry.objects.select_for_update().filter(user=user, title=title).first()
    old_score = entry.score if entry else None
    old_status = entry.status if entry else None
    genres = genres_of(title)
    old_part = part_of(entry, title, genres)
    if entry is None:
        entry = ListEntry(user=user, title=title)
        stats.watchers += 1
    entry.status = status
    entry.score = score
    entry.episodes_seen = episodes_seen
    entry.started_on = started_on
    entry.finished_on = finished_on
    details = {"note": note, "rewatch_count": rewatch_count, "priority": priority,
               "is_private": is_private}  # fmt: skip
    for name, value in details.items():
        if value is not None:
            setattr(entry, name, value)
    entry.save()
    notices.entry_saved(entry, old_score, old_status, reviewed=review is not None)
    member_stats_change(user.pk, old_part, part_of(entry, title, genres))
    apply_score_change(stats, old_score, score)
    update_fields = RATING_FIELDS
    if review is not None and score is not None and review.overall != score:
        old_review = counted_copy(review)
        review.overall = score
        review.save(update_fields=["overall", "updated_at"])
        apply_review_change(stats, old_review, review)
        update_fields = RATING_FIELDS + REVIEW_FIELDS
        pages_changed(*title_pages(title.pk))  # the review's Overall is their score
    stats.save(update_fields=update_fields)
    return entry


@transaction.atomic
def list_entry_set_score(
    *, user: User, title: Title, score: Decimal | None, episodes_seen: int | None = None
) -> ListEntry:
    """Change the user's score for `title` (and episodes seen, when given), keeping the
    entry's status and dates; a title not yet on the list (or only planned) is added as
    Completed, or as Watching when fewer than all its episodes were seen."""
    entry = ListEntry.objects.filter(user=user, title=title).first()
    if entry is None or (entry.status == ListEntry.Status.PLAN_TO_WATCH and score is not None):
        seen = (title.episodes or 0) if episodes_seen is None else episodes_seen
        finished = title.episodes is None or seen >= title.episodes
        status = ListEntry.Status.COMPLETED if finished else ListEntry.Status.WATCHING
        return list_entry_save(
            user=user, title=title, status=status, score=score, episodes_seen=seen
        )
    return list_entry_save(
        user=user,
        title=title,
        status=entry.status,
        score=score,
        episodes_seen=entry.episodes_seen if episodes_seen is None else episodes_seen,
        started_on=entry.started_on,
        finished_on=entry.finished_on,
    )


@transaction.atomic
def list_entry_progress(*, user: User, title: Title, today: date | None = None) -> ListEntry:
    """One more episode seen: "+1". The first one puts the title on the list as Watching
    from today; the last one completes it today. Past the last episode it is refused."""
    stats_for_update(title.pk)  # the order list_entry_save locks in: statistics, then entry
    entry = ListEntry.objects.select_for_update().filter(user=user, title=title).first()
    seen = (entry.episodes_seen if entry else 0) + 1
    if title.episodes is not None and seen > title.episodes:
        raise ValidationError(
            f"You have seen all {title.episodes} episodes of {title.title}.", code="past_last"
        )
    today = today or timezone.localdate()
    status = ListEntry.Status.WATCHING
    finished_on = entry.finished_on if entry else None
    if title.episodes is not None and seen == title.episodes:
        status, finished_on = ListEntry.Status.COMPLETED, finished_on or today
    return list_entry_save(
        user=user,
        title=title,
        status=status,
        score=entry.score if entry else None,
        episodes_seen=seen,
        started_on=(entry.started_on if entry else None) or today,
        finished_on=finished_on,
    )


@transaction.atomic
def list_entry_remove(*, user: User, title: Title) -> None:
    """Take `title` off the user's list, with its score; refused while their review stands."""
    stats = stats_for_update(title.pk)
    pages_changed(*entry_pages(title.pk), member_version(user.pk))
    if Review.objects.filter(user=user, title=title).exists():
        raise ValidationError(KEEP_ENTRY_OF_REVIEW, code="reviewed")
    entry = ListEntry.objects.select_for_update().filter(user=user, title=title).first()
    if entry is None:
        return
    apply_score_change(stats, entry.score, None)
    stats.watchers -= 1
    old_part = part_of(entry, title, genres_of(title))
    entry.delete()
    member_stats_change(user.pk, old_part, None)
    stats.save(update_fields=RATING_FIELDS)


@transaction.atomic
def review_submit(*, user: User, title: Title, data: dict) -> Review:
    """Write the user's review of `title`; the Overall becomes their score for it."""
    if not title.has_aired:
        raise ValidationError(not_aired_message(title), code="not_aired")
    stats = stats_for_update(title.pk)
    pages_changed(*title_pages(title.pk))
    if Review.objects.filter(user=user, title=title).exists():
        raise ValidationError(
            "You have already reviewed this title. Edit your review instead.", code="duplicate"
        )
    mentioned = mentioned_members(data["body"], user)  # refused if one of them blocks the writer
    review = Review(user=user, title=title, **{key: data[key] for key in REVIEW_INPUTS})
    review.save()
    apply_review_change(stats, None, review)
    stats.save(update_fields=REVIEW_FIELDS)
    # A review's Overall is the user's score for the title.
    list_entry_set_score(
        user=user, title=title, score=review.overall, episodes_seen=review.episodes_seen
    )
    notices.review_written(review, mentioned)  # last: inboxes are locked after all else
    return review


@transaction.atomic
def review_update(*, user: User, review: Review, data: dict) -> Review:
    if review.user_id != user.pk:
        raise PermissionDenied("Only the author can edit a review.")
    stats = stats_for_update(review.title_id)
    pages_changed(*title_pages(review.title_id))
    review = (
        Review.objects.select_for_update(of=("self",)).select_related("title").get(pk=review.pk)
    )
    old = counted_copy(review)
    old_body = review.body
    mentioned = mentioned_members(data["body"], user)
    for key in REVIEW_INPUTS:
        setattr(review, key, data[key])
    review.save()
    apply_review_change(stats, old, review)
    stats.save(update_fields=REVIEW_FIELDS)
    list_entry_set_score(
        user=user, title=review.title, score=review.overall, episodes_seen=review.episodes_seen
    )
    notices.review_written(review, mentioned, old_body=old_body)
    return review


@transaction.atomic
def review_delete(*, user: User, review: Review) -> None:
    """Delete the review and its votes; the user's score stays on their list. A hidden review
    is in no statistics, so deleting it changes none."""
    if review.user_id != user.pk:
        raise PermissionDenied("Only the author can delete a review.")
    stats = stats_for_update(review.title_id)
    pages_changed(*title_pages(review.title_id), member_version(user.pk))  # Write a Review
    review = Review.objects.select_for_update().get(pk=review.pk)
    apply_review_change(stats, review, None)
    review.delete()
    stats.save(update_fields=REVIEW_FIELDS)


@transaction.atomic
def review_vote(*, user: User, review: Review, helpful: bool) -> Review:
    """Record or change the user's "Was this review helpful?" answer."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.user_id == user.pk:
        raise ValidationError("You cannot vote on your own review.", code="own_review")
    if not review.is_visible:
        raise ValidationError(HIDDEN_REVIEW, code="hidden")
    vote = ReviewVote.objects.filter(review=review, user=user).first()
    was_helpful = vote is not None and vote.helpful
    if vote is None:
        ReviewVote.objects.create(review=review, user=user, helpful=helpful)
        review.helpful_total += 1
        review.helpful_yes += int(helpful)
    elif vote.helpful != helpful:
        vote.helpful = helpful
        vote.save(update_fields=["helpful", "updated_at"])
        review.helpful_yes += 1 if helpful else -1
    if helpful and not was_helpful:
        notices.review_found_helpful(review, user)
    return _helpfulness_changed(review, user)


@transaction.atomic
def review_vote_withdraw(*, user: User, review: Review) -> Review:
    """Take back the user's "Was this review helpful?" answer, if they gave one."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    vote = ReviewVote.objects.filter(review=review, user=user).first()
    if vote is None:
        return review
    vote.delete()
    review.helpful_total -= 1
    review.helpful_yes -= int(vote.helpful)
    return _helpfulness_changed(review, user)


@transaction.atomic
def review_hide(*, review: Review, moderator: User | AnonymousUser, reason: str) -> Review:
    """Hide a review from everyone but moderators, telling its author `reason`.

    The title's statistics lose it as if it were deleted; the author's list entry and score
    stay, since the score is theirs to give. Hiding a hidden review only changes the reason.
    """
    check_may_moderate(moderator, MODERATE_PERMISSION, author_id=review.user_id,
                       refused="Only moderators can hide reviews.")  # fmt: skip
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why the review is hidden: its author is told.", code="reason")
    if len(reason) > HIDDEN_REASON_MAX_LENGTH:
        raise ValidationError(
            f"The reason can be at most {HIDDEN_REASON_MAX_LENGTH} characters long; this one "
            f"has {len(reason)}.",
            code="reason_too_long",
        )
    stats = stats_for_update(review.title_id)
    pages_changed(*title_pages(review.title_id))
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if locked.is_visible:
        apply_review_change(stats, locked, None)
        stats.save(update_fields=REVIEW_FIELDS)
    locked.state = Review.State.HIDDEN
    locked.hidden_reason = reason
    locked.save(update_fields=["state", "hidden_reason"])
    announce(locked, kind="review", author_id=locked.user_id, moderator=moderator,
             verb="hide", note=locked.hidden_reason)  # fmt: skip
    return locked


@transaction.atomic
def review_restore(*, review: Review, moderator: User | AnonymousUser) -> Review:
    """Show a hidden review again, counted in its title's statistics; a visible review is
    left as it is."""
    check_may_moderate(moderator, MODERATE_PERMISSION, author_id=review.user_id,
                       refused="Only moderators can restore reviews.")  # fmt: skip
    stats = stats_for_update(review.title_id)
    pages_changed(*title_pages(review.title_id))
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if locked.is_visible:
        return locked
    locked.state = Review.State.VISIBLE
    locked.hidden_reason = ""
    locked.save(update_fields=["state", "hidden_reason"])
    apply_review_change(stats, None, locked)
    stats.save(update_fields=REVIEW_FIELDS)
    announce(locked, kind="review", author_id=locked.user_id, moderator=moderator,
             verb="restore", note=locked.hidden_reason)  # fmt: skip
    return locked


def _helpfulness_changed(review: Review, voter: User) -> Review:
    """Store a locked review's new helpful counts and bound, and move the versions of its
    pages and of the voter's own parts."""
    review.save(update_fields=["helpful_yes", "helpful_total"])
    Review.objects.filter(pk=review.pk).update(
        helpful_lower_bound=WilsonLowerBound(F("helpful_yes"), F("helpful_total"))
    )
    pages_changed(*review_pages(review), member_version(voter.pk))
    return review


def entry_pages(title_id: int) -> list[str]:
    """The versions of the pages that show a title's ratings and statistics: its page's score,
    statistics and watchers, and every list that shows scores (core/versions.py)."""
    return [title_version(title_id, "ratings"), RATINGS, REVIEWS]


def title_pages(title_id: int) -> list[str]:
    """The versions of the pages that show a title's reviews, which count in its statistics
    too: its page's, and every list that shows scores or reviews (core/versions.py)."""
    return [title_version(title_id, "reviews"), *entry_pages(title_id)]


def review_pages(review: Review) -> list[str]:
    """The versions of the pages that show a review but none of its title's statistics (its
    helpful votes): its title's reviews and every review list's (core/versions.py)."""
    return [title_version(review.title_id, "reviews"), REVIEWS]
