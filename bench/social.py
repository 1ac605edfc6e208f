"""The first bench member's social life, at its busiest: they follow the most active members,
whose latest ratings are in the activity log (the feed), and have 50 unread notifications
(the bell on every page they open)."""

from __future__ import annotations

from django.db.models import F

from accounts.models import User
from reviews.models import ListEntry, MemberStats
from social import services
from social.models import Activity, Follow, FollowCount, Kind, Notification, Verb

FOLLOWED = 200
RATINGS_EACH = 5
UNREAD = 50


def prepare_social(member: User, *, exclude_prefix: str) -> None:
    busiest = (
        MemberStats.objects.exclude(user__username__startswith=exclude_prefix)
        .order_by(F("titles").desc(), "user_id")
        .values_list("user_id", flat=True)[:FOLLOWED]
    )
    followed = list(busiest)
    Follow.objects.bulk_create(
        [Follow(follower=member, followed_id=pk) for pk in followed], ignore_conflicts=True
    )
    following = Follow.objects.filter(follower=member).count()
    FollowCount.objects.update_or_create(user=member, defaults={"following": following})
    logged = set(Activity.objects.filter(actor_id__in=followed).values_list("actor_id", flat=True))
    for pk in followed:
        if pk in logged:
            continue
        latest = ListEntry.objects.filter(user_id=pk, is_private=False, score__isnull=False)
        for entry in latest.order_by("-updated_at")[:RATINGS_EACH]:
            services.activity_record(actor_id=pk, verb=Verb.RATED, object_id=entry.pk,
                                     title_id=entry.title_id, score=entry.score)  # fmt: skip
    unread = Notification.objects.unread().filter(recipient=member).count()
    for n in range(UNREAD - unread):
        services.notify(recipient_ids=[member.pk], kind=Kind.MENTION,
                        actor=User(pk=followed[n % len(followed)]) if followed else None,
                        text=f"mentioned you in a comment ({n + 1})", url="/")  # fmt: skip
