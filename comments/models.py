"""Threaded comments on any object, and the stored count of each object's visible comments.

A thread is stored so that it reads back in order with one indexed query: every comment keeps
its `root` (null for a top-level comment) and a materialised `path` of zero-padded ids, so
`ORDER BY path` within a root is the thread in reading order (each reply right after its parent,
siblings oldest first). Paths follow the tree only down to `PATH_DEPTH`; replies nested deeper
are ordered by time under their ancestor at that depth, which keeps every path short whatever
the nesting and matches how deep replies are shown (flat below the indent cap).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.db import connections, models, router
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.models import ChecksInOneQuery

# Width of one id in a path: ten digits hold ids below ten billion.
PATH_SEGMENT = 10
# Nesting followed by the reading order; deeper replies are kept in time order under their
# ancestor at this depth. Must be at least the largest indent cap the site will show.
PATH_DEPTH = 12


def path_segment(comment_id: int) -> str:
    return str(comment_id).zfill(PATH_SEGMENT)


def child_path(parent_path: str, parent_depth: int, child_id: int) -> str:
    """The path of a new reply: its parent's path (cut at PATH_DEPTH) and its own id."""
    keep = min(parent_depth, PATH_DEPTH) + 1
    return parent_path[: keep * PATH_SEGMENT] + path_segment(child_id)


class CommentQuerySet(models.QuerySet):
    def for_target(self, target: models.Model) -> CommentQuerySet:
        content_type = ContentType.objects.get_for_model(target)
        return self.filter(content_type=content_type, object_id=target.pk)

    def roots(self) -> CommentQuerySet:
        return self.filter(parent__isnull=True)

    def visible(self) -> CommentQuerySet:
        return self.filter(state=Comment.State.VISIBLE)

    def shown_as_threads(self) -> CommentQuerySet:
        """Roots worth a thread: all but deleted ones, and those that still have replies.

        A hidden comment keeps its place, as "[hidden by a moderator]" to readers and with
        the reason to its author."""
        return self.filter(~Q(state=Comment.State.DELETED) | Q(reply_count__gt=0))

    def newest_first(self) -> CommentQuerySet:
        return self.order_by("-created_at", "-id")

    def in_reading_order(self) -> CommentQuerySet:
        return self.order_by("path")

    def reserve_ids(self, how_many: int) -> list[int]:
        """Take ids from the table's sequence, so a path can hold the comment's own id."""
        table = self.model._meta.db_table
        # A sequence only moves on the primary, never on a read replica.
        with connections[router.db_for_write(self.model)].cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, how_many],
            )
            return [row[0] for row in cursor.fetchall()]


class Comment(ChecksInOneQuery):
    class State(models.TextChoices):
        VISIBLE = "visible", "Visible"
        HIDDEN = "hidden", "Hidden by a moderator"
        DELETED = "deleted", "Deleted by its author"

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, db_index=False)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # A closed account keeps its comments in place, so threads keep their shape.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        db_index=False,
    )
    body = models.TextField(blank=True)
    is_spoiler = models.BooleanField("spoiler", default=False)
    # The episode of its title a top-level comment is about: folded for those not there yet.
    episode = models.PositiveSmallIntegerField(null=True, blank=True)
    # Rows are only ever removed together with their whole target (see apps.py), in one
    # statement, so the tree needs no cascade; the database still checks every reference.
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="children",
        db_index=False,
    )
    root = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="thread_replies",
        db_index=False,
        help_text="The top-level comment of the thread; empty for a top-level comment.",
    )
    depth = models.IntegerField(default=0)
    path = models.CharField(max_length=(PATH_DEPTH + 2) * PATH_SEGMENT, editable=False)
    # Visible replies in the thread, kept by the services; only meaningful on a root.
    reply_count = models.IntegerField(default=0, editable=False)
    # How many members like it: kept by comments.services.comment_like with the likes' rows.
    like_count = models.IntegerField(default=0, db_default=0, editable=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.VISIBLE)
    # Why a moderator hid it, told to its author; empty unless hidden. (A database default
    # too, for rows inserted in bulk by plain SQL, such as `generate`.)
    hidden_reason = models.CharField(max_length=500, blank=True, db_default="")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    # Not stored: the selectors set these on each comment a page shows.
    shown_replies: list[Comment]
    is_placeholder: bool
    nests_replies: bool
    reply_to: Comment | None
    continues_thread: bool
    has_more_replies: bool
    # Not stored: the author's columns on comments read by a raw query that joins the author
    # (None for a closed account), and their thread's digest (comments/threads.py).
    author_username: str | None
    author_avatar: str | None
    thread_digest: str

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="comment_state_valid",
                condition=Q(state__in=["visible", "hidden", "deleted"]),
            ),
            models.CheckConstraint(
                name="comment_tree_consistent",
                condition=Q(parent__isnull=True, root__isnull=True, depth=0)
                | Q(parent__isnull=False, root__isnull=False, depth__gt=0),
                violation_error_message=(
                    "A reply needs a parent and a root; a top-level comment has neither."
                ),
            ),
            models.CheckConstraint(
                name="comment_body_empty_only_when_deleted",
                condition=Q(state="deleted", body="") | (~Q(state="deleted") & ~Q(body="")),
                violation_error_message="A comment needs a body; a deleted one keeps none.",
            ),
            models.CheckConstraint(
                name="comment_reply_count_not_negative", condition=Q(reply_count__gte=0)
            ),
            models.CheckConstraint(
                name="comment_episode_positive_on_a_thread",
                condition=Q(episode__isnull=True) | Q(episode__gte=1, parent__isnull=True),
                violation_error_message="Only a new thread says which episode it is about.",
            ),
            models.CheckConstraint(
                name="comment_like_count_not_negative", condition=Q(like_count__gte=0)
            ),
        ]
        indexes = [
            # Title page: a target's threads, newest first, one page at a time.
            models.Index(
                "content_type",
                "object_id",
                models.F("created_at").desc(),
                models.F("id").desc(),
                name="comment_target_roots_idx",
                condition=Q(parent__isnull=True),
            ),
            # Title page and thread page: the replies of a thread in reading order.
            models.Index(
                fields=["root", "path"],
                name="comment_thread_path_idx",
                condition=Q(root__isnull=False),
            ),
            # The database's check, when comments are removed, that no reply still points at
            # a removed parent (top-level comments have none, so they stay out of it).
            models.Index(
                fields=["parent"], name="comment_parent_idx", condition=Q(parent__isnull=False)
            ),
            # Rate limit: the author's latest comment; later, a profile's list of comments.
            models.Index("author", models.F("created_at").desc(), name="comment_author_latest_idx"),
            # Admin: search comments by their text.
            GinIndex(name="comment_body_trgm", fields=["body"], opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} by {self.author_name}"

    def get_absolute_url(self) -> str:
        return reverse("comments:thread", args=[self.pk])

    @property
    def author_name(self) -> str:
        return self.author.username if self.author is not None else "[deleted account]"

    @property
    def is_visible(self) -> bool:
        return self.state == self.State.VISIBLE

    @property
    def is_root(self) -> bool:
        return self.parent_id is None

    @property
    def thread_id(self) -> int:
        return self.pk if self.root_id is None else self.root_id

    def may_spoil(self, *, on_episode: bool) -> bool:
        """Might its words spoil an episode for a reader not there yet? A spoiler, anything
        said on an episode's own page (`on_episode`), and a thread about an episode with all
        its replies. Its page folds such words; places that cannot fold them (notifications,
        the digest, the feed) never quote them. Reads its root, loaded with it where it counts."""
        thread = self if self.root_id is None else self.root
        return self.is_spoiler or on_episode or (thread is not None and thread.episode is not None)


class CommentCount(models.Model):
    """How many visible comments an object has: the "Comments (N)" of its page."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, db_index=False)
    object_id = models.PositiveBigIntegerField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # Its index serves the title page's "Comments (N)".
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="commentcount_unique_target"
            ),
            models.CheckConstraint(name="commentcount_not_negative", condition=Q(count__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.count} comments on {self.content_type.model} {self.object_id}"


class CommentLike(models.Model):
    """A member's like of a comment: one each, taken back by deleting it."""

    # Its unique index leads with the comment, so the foreign key needs no index of its own.
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+",
                                db_index=False)  # fmt: skip
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="commentlike_once_per_member")
        ]

    def __str__(self) -> str:
        return f"Member {self.user_id} likes comment {self.comment_id}"
