"""Every write to follows, blocks, notifications and the activity log.

Other apps call `notify` and `activity_record` inside their own writes, so a reply and its
notification commit together. A member's notifications are written with their inbox row
locked: it holds the unread count (the bell), and the lock makes two writers that gather into
one notification ("12 people found your review helpful") wait for each other. The inbox is
locked last in every transaction that locks one, and several in id order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from core.counters import counter_add

from .models import (
    QUOTE_LENGTH,
    TEXT_LENGTH,
    Activity,
    Block,
    Follow,
    FollowCount,
    Inbox,
    Kind,
    Notification,
)
from .selectors import blocked_among, forget_bells


def _locked_inboxes(user_ids: Iterable[int]) -> dict[int, Inbox]:
    """Lock the members' inboxes (made when missing), and forget their bells' numbers now and
    on commit (a page read in between may have kept the old one)."""
    ids = sorted(set(user_ids))
    forget_bells(ids)
    transaction.on_commit(lambda: forget_bells(ids))
    Inbox.objects.bulk_create([Inbox(user_id=pk) for pk in ids], ignore_conflicts=True)
    locked = Inbox.objects.select_for_update().filter(user_id__in=ids).order_by("user_id")
    return {inbox.user_id: inbox for inbox in locked}


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1] + "…"


def notify(
    *, recipient_ids: Iterable[int | None], kind: Kind, text: str, url: str,
    actor: User | None = None, quote: str = "", group: str = "", once: bool = False,
) -> int:  # fmt: skip
    """Tell each of `recipient_ids` that `actor` did what `text` says, leading to `url`.

    Nobody hears of their own doing, of a kind they turned off, or from a member they block.
    With a `group`, an unread notification of the same group gathers this one (its count
    grows, the latest actor and time show); with `once` too, a member who ever had one of the
    group hears nothing more (a job run twice tells nobody twice). Returns how many were told.
    """
    notes = {pk: (kind, text) for pk in recipient_ids if pk is not None}
    return notify_each(notes, url=url, actor=actor, quote=quote, group=group, once=once)


@transaction.atomic(savepoint=False)  # inside the write that calls it: no savepoint of its own
def notify_each(
    notes: dict[int, tuple[Kind, str]], *, url: str, actor: User | None = None, quote: str = "",
    group: str = "", once: bool = False,
) -> int:  # fmt: skip
    """As `notify`, with each member's own kind and words ({member id: (kind, text)}): the
    one replied to and the thread's starter hear of one reply in a few queries."""
    ids = {pk for pk in notes if actor is None or pk != actor.pk}
    if actor is not None:
        ids -= blocked_among(ids, actor.pk)
    if not ids:
        return 0
    inboxes = _locked_inboxes(ids)
    if once:  # asked with the inboxes locked, so two runs at once tell nobody twice
        ids -= set(
            Notification.objects.filter(recipient_id__in=ids, group=group).values_list(
                "recipient_id", flat=True
            )
        )
    told = [pk for pk in sorted(ids) if notes[pk][0] not in inboxes[pk].muted]
    now = timezone.now()
    fresh = []
    for pk in told:
        if group and not once and _gather(pk, group, actor=actor, quote=quote, url=url, now=now):
            continue
        kind, text = notes[pk]
        fresh.append(
            Notification(
                recipient_id=pk,
                kind=kind,
                actor=actor,
                text=text[:TEXT_LENGTH],
                quote=_quote(quote),
                url=url,
                group=group,
                created_at=now,
            )
        )
    Notification.objects.bulk_create(fresh)
    if fresh:
        counter_add(Inbox, keys={"user_id__in": [n.recipient_id for n in fresh]}, delta=1,
                    field="unread", create=False)  # fmt: skip
    return len(told)


def _gather(recipient_id: int, group: str, *, actor: User | None, quote: str, url: str,
            now: datetime) -> bool:  # fmt: skip
    """Gather into the member's unread notification of `group`, if there is one: it leads to
    the latest, and counts one more member unless the latest did it last too (a follow taken
    back and given again is one follower)."""
    unread = Notification.objects.filter(recipient_id=recipient_id, group=group,
                                         read_at__isnull=True)  # fmt: skip
    last = unread.values_list("pk", "actor_id").first()
    if last is None:
        return False
    unread.update(actor=actor, created_at=now, quote=_quote(quote), url=url)
    if actor is None or last[1] != actor.pk:
        counter_add(Notification, keys={"pk": last[0]}, delta=1, create=False)
    return True


@transaction.atomic
def notification_open(*, user: User, notification_id: int) -> Notification | None:
    """Mark one of the member's notifications read, and give it (None if it is not theirs)."""
    _locked_inboxes([user.pk])
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is None:
        return None
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        counter_add(Inbox, keys={"user_id": user.pk}, delta=-1, field="unread")
    return notification


@transaction.atomic
def notifications_read_all(*, user: User) -> int:
    """Mark all of the member's notifications read: one statement, however many."""
    _locked_inboxes([user.pk])
    marked = Notification.objects.unread().filter(recipient=user).update(read_at=timezone.now())
    if marked:
        counter_add(Inbox, keys={"user_id": user.pk}, delta=-marked, field="unread")
    return marked


@transaction.atomic
def preferences_save(*, user: User, muted: Iterable[str], digest: bool) -> Inbox:
    inbox = _locked_inboxes([user.pk])[user.pk]
    inbox.muted = sorted({Kind(kind) for kind in muted})
    if digest and not inbox.digest:
        # A digest tells only of what comes after it was asked for.
        inbox.digest_sent_until = timezone.now()
    inbox.digest = digest
    inbox.save(update_fields=["muted", "digest", "digest_sent_until"])
    return inbox


@transaction.atomic
def digest_stop(*, user_id: int) -> None:
    """Turn the daily digest off (the unsubscribe link of its mail)."""
    Inbox.objects.filter(user_id=user_id).update(digest=False)


def _check_may_follow(follower: User, followed: User) -> None:
    if follower.pk == followed.pk:
        raise ValidationError("You cannot follow yourself.", code="self")
    if Block.objects.filter(blocker=follower, blocked=followed).exists():
        raise ValidationError(f"You block {followed.username}: unblock them to follow them.",
                              code="blocking")  # fmt: skip
    if Block.objects.filter(blocker=followed, blocked=follower).exists():
        raise ValidationError(f"{followed.username} does not accept follows from you.",
                              code="blocked")  # fmt: skip


def _lock_pair(one: User, other: User) -> None:
    """Lock both members' follow counts (made when missing), in id order: a follow, an
    unfollow and a block between the same two then wait for each other, checks included."""
    ids = sorted({one.pk, other.pk})
    FollowCount.objects.bulk_create([FollowCount(user_id=pk) for pk in ids], ignore_conflicts=True)
    list(FollowCount.objects.select_for_update().filter(user_id__in=ids).order_by("user_id"))


def _count_follow(follower_id: int, followed_id: int, delta: int) -> None:
    counter_add(FollowCount, keys={"user_id": followed_id}, delta=delta, field="followers")
    counter_add(FollowCount, keys={"user_id": follower_id}, delta=delta, field="following")


@transaction.atomic
def follow(*, follower: User, followed: User) -> bool:
    """Follow a member; False if already following. They hear of it (a notification)."""
    if follower.pk != followed.pk:
        _lock_pair(follower, followed)
    _check_may_follow(follower, followed)
    try:
        with transaction.atomic():
            Follow.objects.create(follower=follower, followed=followed)
    except IntegrityError:
        return False
    _count_follow(follower.pk, followed.pk, +1)
    notify(recipient_ids=[followed.pk], kind=Kind.FOLLOWER, actor=follower,
           text="followed you", url=follower.get_absolute_url(), group="follower")  # fmt: skip
    return True


@transaction.atomic
def unfollow(*, follower: User, followed: User) -> bool:
    _lock_pair(follower, followed)
    if not Follow.objects.filter(follower=follower, followed=followed).delete()[0]:
        return False
    _count_follow(follower.pk, followed.pk, -1)
    return True


@transaction.atomic
def block(*, blocker: User, blocked: User) -> bool:
    """Block a member: no more replies, mentions or follows from them, and they no longer see
    the blocker's activity. Follows between the two end, both ways."""
    if blocker.pk == blocked.pk:
        raise ValidationError("You cannot block yourself.", code="self")
    _lock_pair(blocker, blocked)
    try:
        with transaction.atomic():
            Block.objects.create(blocker=blocker, blocked=blocked)
    except IntegrityError:
        return False
    unfollow(follower=blocked, followed=blocker)
    unfollow(follower=blocker, followed=blocked)
    return True


@transaction.atomic
def unblock(*, blocker: User, blocked: User) -> bool:
    return bool(Block.objects.filter(blocker=blocker, blocked=blocked).delete()[0])


def activity_record(
    *, actor_id: int, verb: str, object_id: int, title_id: int | None = None,
    score: Decimal | None = None, again: bool = False,
) -> None:  # fmt: skip
    """Log what a member did for their followers' feeds. `again` for an item that may be
    logged before (a title rated anew): the earlier line goes, the new one leads."""
    if again:
        Activity.objects.filter(actor_id=actor_id, verb=verb, object_id=object_id).delete()
    Activity.objects.create(actor_id=actor_id, verb=verb, object_id=object_id,
                            title_id=title_id, score=score)  # fmt: skip
