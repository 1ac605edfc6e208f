"""Reads of follows, blocks, notifications and the activity log."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Q

from accounts.models import User
from core.pagination import CountlessPage, countless_page

from .models import Activity, Block, Follow, FollowCount, Inbox, Notification

# How long the bell's number may be kept: a member whose count the services could not forget
# (the cache was away at that moment) sees the true one at most this much later.
UNREAD_CACHE_SECONDS = 600


def blocked_among(user_ids: Iterable[int], actor_id: int) -> set[int]:
    """Which of `user_ids` block the member `actor_id`."""
    ids = set(user_ids)
    if not ids:
        return set()
    blockers = Block.objects.filter(blocked_id=actor_id, blocker_id__in=ids)
    return set(blockers.values_list("blocker_id", flat=True))


def unread_key(user_id: int) -> str:
    return f"social:unread:{user_id}"


def forget_bells(user_ids: Iterable[int]) -> None:
    cache.delete_many([unread_key(pk) for pk in user_ids])


def unread_count(user: User) -> int:
    """The bell's number, kept in the shared cache: every page a member opens shows it, and it
    changes only when they hear of something (the services forget it on commit)."""
    key = unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Inbox.objects.filter(user=user).values_list("unread", flat=True).first() or 0
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count


def inbox_of(user: User) -> Inbox:
    return Inbox.objects.filter(user=user).first() or Inbox(user=user)


def notifications_page(user: User, page_number: str | None, per_page: int) -> CountlessPage:
    """The member's notifications, newest first: "Newer / Older", never a count of them."""
    mine = Notification.objects.for_member(user.pk).select_related("actor")
    return countless_page(mine, page_number, per_page)


@dataclass(frozen=True)
class Standing:
    """How a viewer and a member stand with each other, for the member's profile."""

    followers: int = 0
    following: int = 0
    viewer_follows: bool = False
    viewer_blocks: bool = False
    blocks_viewer: bool = False


def standing(member: User, viewer: User | AnonymousUser) -> Standing:
    """The member's follow counts and where the viewer stands: three queries at most."""
    counts = FollowCount.objects.filter(user=member).values_list("followers", "following")
    followers, following = counts.first() or (0, 0)
    if not viewer.is_authenticated or viewer.pk == member.pk:
        return Standing(followers, following)
    blockers = set(
        Block.objects.filter(
            Q(blocker=viewer, blocked=member) | Q(blocker=member, blocked=viewer)
        ).values_list("blocker_id", flat=True)
    )
    return Standing(
        followers,
        following,
        viewer_follows=Follow.objects.filter(follower=viewer, followed=member).exists(),
        viewer_blocks=viewer.pk in blockers,
        blocks_viewer=member.pk in blockers,
    )


def feed_page(user: User, page_number: str | None, per_page: int) -> CountlessPage:
    """What the members `user` follows did, newest first, with each actor and title.

    Whether each item is still shown is for its own app to say (front/feed.py)."""
    followed = Follow.objects.filter(follower=user).values("followed")
    activities = (
        Activity.objects.filter(actor__in=followed)
        .select_related("actor", "title")
        .order_by("-created_at", "-id")
    )
    return countless_page(activities, page_number, per_page)
