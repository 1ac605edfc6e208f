"""What members hear of ratings, reviews and helpful votes: the writer's followers (the
activity log), those a review mentions, and a review's author when it is found helpful."""

from __future__ import annotations

from decimal import Decimal

from accounts.models import User
from core.markup import mentioned as mentioned_names
from social.models import Kind, Verb
from social.services import activity_record, notify
from titles.models import Episode

from .models import ListEntry, Review


def entry_saved(entry: ListEntry, old_score: Decimal | None, old_status: str | None,
                reviewed: bool) -> None:  # fmt: skip
    """A title completed, or a new score, goes to the followers' feeds (one line when both
    come at once) unless the entry is private; a reviewed title's score goes with its review."""
    if entry.is_private:
        return
    rated = entry.score is not None and entry.score != old_score and not reviewed
    completed = (
        entry.status == ListEntry.Status.COMPLETED and old_status != ListEntry.Status.COMPLETED
    )
    if completed or rated:
        verb = Verb.COMPLETED if completed else Verb.RATED
        activity_record(actor_id=entry.user_id, verb=verb, object_id=entry.pk, again=True,
                        title_id=entry.title_id, score=entry.score if rated else None)  # fmt: skip


def review_written(
    review: Review, mentioned: dict[int, str], *, old_body: str | None = None
) -> None:
    """Tell the members newly mentioned (not those the earlier text mentioned already);
    a new review goes to the followers' feeds."""
    before = set(mentioned_names(old_body or ""))
    told = [pk for pk, name in mentioned.items() if name not in before]
    notify(recipient_ids=told, kind=Kind.MENTION, actor=review.user, url=review.get_absolute_url(),
           text=f"mentioned you in a review of {review.title}", quote=review.headline)  # fmt: skip
    if old_body is None:
        activity_record(actor_id=review.user_id, verb=Verb.REVIEWED, object_id=review.pk,
                        title_id=review.title_id)  # fmt: skip


def review_found_helpful(review: Review, voter: User) -> None:
    """Votes gather in one notification while it is unread: "12 people found…"."""
    notify(recipient_ids=[review.user_id], kind=Kind.HELPFUL, actor=voter,
           text=f"found your review of {review.title} helpful", url=review.get_absolute_url(),
           group=f"helpful:review:{review.pk}")  # fmt: skip


# Watchers are told of an aired episode this many at a time, each batch one transaction.
EPISODE_BATCH = 1000


def episode_aired(episode: Episode) -> int:
    """Tell every member watching the episode's title that it aired; running it again tells
    nobody twice. Returns how many were told."""
    watching = ListEntry.objects.filter(title_id=episode.title_id, status=ListEntry.Status.WATCHING)
    ids = watching.order_by("user_id").values_list("user_id", flat=True)
    told, after = 0, 0
    while batch := list(ids.filter(user_id__gt=after)[:EPISODE_BATCH]):
        told += notify(recipient_ids=batch, kind=Kind.EPISODE, url=episode.title.get_absolute_url(),
                       text=f"Episode {episode.number} of {episode.title} has aired",
                       group=f"episode:{episode.pk}", once=True)  # fmt: skip
        after = batch[-1]
    return told
