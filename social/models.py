"""Members hearing from each other: follows, blocks, notifications and the activity log.

The room sits just above members and the catalogue, so that every app that writes something a
member should hear about (a reply, a helpful vote) calls its services in the write's own
transaction. What a notification says is stored with it (who, what, where it leads), so the
notifications page reads one table; the feed reads the activity log and asks each owning app
which of its items are still shown (front/feed.py).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from titles.models import Title


class Follow(models.Model):
    follower = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="+", db_index=False)  # fmt: skip
    followed = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="+")  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            # Its index leads with the follower: the feed's "whom do I follow".
            models.UniqueConstraint(fields=["follower", "followed"], name="follow_once"),
            models.CheckConstraint(
                name="follow_not_self",
                condition=~Q(follower=F("followed")),
                violation_error_message="You cannot follow yourself.",
            ),
        ]

    def __str__(self) -> str:
        return f"Member {self.follower_id} follows member {self.followed_id}"


class Block(models.Model):
    """A member who may no longer reply to, mention or follow the blocker, nor see their
    activity."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="+", db_index=False)  # fmt: skip
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="+")  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(
                name="block_not_self",
                condition=~Q(blocker=F("blocked")),
                violation_error_message="You cannot block yourself.",
            ),
        ]

    def __str__(self) -> str:
        return f"Member {self.blocker_id} blocks member {self.blocked_id}"


class FollowCount(models.Model):
    """How many members follow a member, and how many they follow: kept by the services."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                primary_key=True, related_name="+")  # fmt: skip
    followers = models.IntegerField(default=0, db_default=0)
    following = models.IntegerField(default=0, db_default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="followcount_not_negative", condition=Q(followers__gte=0, following__gte=0)
            ),
        ]

    def __str__(self) -> str:
        return f"Member {self.user_id}: {self.followers} followers, {self.following} following"


class Kind(models.TextChoices):
    """What a notification is about; a member may turn each kind off."""

    REPLY = "reply", "Replies to your comments and in your threads"
    MENTION = "mention", "Mentions of you"
    HELPFUL = "helpful", "Your reviews voted helpful"
    RECOMMENDATION = "recommendation", "Votes on your recommendations"
    MODERATED = "moderated", "A moderator hiding what you wrote"
    EPISODE = "episode", "New episodes of titles you are watching"
    FOLLOWER = "follower", "New followers"


class Inbox(models.Model):
    """A member's notification settings and their unread count (the bell), one row each."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                primary_key=True, related_name="+")  # fmt: skip
    unread = models.IntegerField(default=0)
    muted = ArrayField(
        models.CharField(max_length=20, choices=Kind.choices),
        default=list,
        blank=True,
        help_text="The kinds of notification the member turned off.",
    )
    digest = models.BooleanField("daily e-mail digest", default=False)
    # The newest notification the last digest told of: the next tells only of later ones.
    digest_sent_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "inboxes"
        constraints = [
            models.CheckConstraint(name="inbox_unread_not_negative", condition=Q(unread__gte=0)),
        ]
        indexes = [
            models.Index(fields=["user"], name="inbox_digest_idx", condition=Q(digest=True)),
        ]

    def __str__(self) -> str:
        return f"Member {self.user_id}: {self.unread} unread"


# What a notification says, and the words it quotes, are cut to these lengths.
TEXT_LENGTH = 300
QUOTE_LENGTH = 200


class NotificationQuerySet(models.QuerySet):
    def for_member(self, user_id: int) -> NotificationQuerySet:
        return self.filter(recipient_id=user_id).order_by("-created_at", "-id")

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One thing a member should hear about, in the words it is shown with.

    Several alike (votes on one review) gather in one unread notification with a `count`.
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="+", db_index=False)  # fmt: skip
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Who did it, when a member did (shown first: "alice replied…"); none for a moderator or
    # an aired episode, or when the account is closed.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    count = models.IntegerField(default=1, help_text="How many members did it (grouped).")
    # What they did, after the name: "replied to your comment on 1 Litre of Tears".
    text = models.CharField(max_length=TEXT_LENGTH)
    quote = models.CharField(max_length=QUOTE_LENGTH, blank=True)
    url = models.CharField(max_length=500)
    # Notifications with the same group gather while unread ("helpful:review:12").
    group = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(name="notification_count_positive", condition=Q(count__gte=1)),
            models.UniqueConstraint(
                fields=["recipient", "group"],
                name="notification_group_unread",
                condition=Q(read_at__isnull=True) & ~Q(group=""),
            ),
        ]
        indexes = [
            models.Index(
                "recipient",
                models.F("created_at").desc(),
                models.F("id").desc(),
                name="notification_recipient_idx",
            ),
            # Whether a member was ever told of a group (`notify(once=True)`).
            models.Index(
                fields=["recipient", "group"],
                name="notification_group_idx",
                condition=~Q(group=""),
            ),
        ]

    def __str__(self) -> str:
        return f"To member {self.recipient_id}: {self.text}"


class Verb(models.TextChoices):
    """What a member did, as the feed tells it."""

    RATED = "rated", "rated"
    COMPLETED = "completed", "completed"
    REVIEWED = "reviewed", "reviewed"
    RECOMMENDED = "recommended", "recommended"
    LISTED = "listed", "made a list"
    COMMENTED = "commented", "commented on"


class Activity(models.Model):
    """One thing a member did, for their followers' feeds.

    It names the item (`object_id`, of the kind its verb implies) and the title it is about;
    the feed asks the item's own app whether it is still shown (not hidden, deleted or
    private) before showing it, so no write anywhere has to clean this log up.
    """

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="+", db_index=False)  # fmt: skip
    verb = models.CharField(max_length=20, choices=Verb.choices)
    title = models.ForeignKey(Title, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+")  # fmt: skip
    object_id = models.BigIntegerField()
    score = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "activities"
        indexes = [
            # The feed: each followed member's latest, merged newest first.
            models.Index(
                "actor",
                models.F("created_at").desc(),
                models.F("id").desc(),
                name="activity_actor_latest_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Member {self.actor_id} {self.verb} {self.object_id}"
