"""Reading comments: a page of threads, one thread's page and counts (where a comment lives:
locations.py).

Every function here runs a fixed number of queries whatever the number of comments, and hands
back plain lists: each shown comment carries `shown_replies` (the replies nested under it),
`is_placeholder`, `nests_replies` and, when it is shown away from its parent, `reply_to`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from accounts.models import User
from core.moderation import can_moderate
from core.pagination import CountlessPage, countless_page
from titles.models import Episode, Title

from .forms import CommentForm
from .models import PATH_DEPTH, Comment, CommentCount
from .services import MODERATE_PERMISSION

# The query string key of the comments page on a target's own page (the title page).
PAGE_PARAM = "cpage"


@runtime_checkable
class HasPage(Protocol):
    """A model with a page of its own: what comments are open on (COMMENT_TARGET_MODELS)."""

    def get_absolute_url(self) -> str: ...


@dataclass
class Thread:
    root: Comment
    reply_count: int
    has_more: bool = False

    @property
    def replies(self) -> list[Comment]:
        return self.root.shown_replies

    @property
    def identity(self) -> str:
        """Every field its markup shows of every comment in it, as one line: a page stores the
        thread's markup under it (core/part_cache.py), so an edit, a like, a hide or a reply
        anywhere in the thread makes it again. Its authors' names and avatars are not here:
        the page's MEMBERS version covers them."""
        return "\n".join([f"{self.reply_count} {self.has_more}",
                          *_identities(self.root)])  # fmt: skip


class ThreadPage(CountlessPage):
    """A page of threads; `threads` is its object list."""

    @property
    def threads(self) -> list[Thread]:
        return self.object_list


@dataclass
class CommentSection:
    """Everything the comments part of a page shows."""

    target: models.Model
    count: int
    page: ThreadPage
    post_url: str
    content_type_id: int
    # A refused comment coming back with its errors; otherwise the form is the viewer's own
    # part of the page (comments/parts.py).
    form: CommentForm | None = None
    # The title's episodes, which a new comment may say it is about (0 for other targets).
    episodes: int = 0
    # On an episode's page, its title and number: the threads are folded for those who have
    # not seen it (the `episode_fold` part).
    fold_title_id: int | None = None
    fold_episode: int | None = None


@dataclass
class ThreadDetail:
    """One thread on its own page: the root, then a page of its replies in reading order."""

    root: Comment
    target: models.Model
    replies: list[Comment]
    number: int
    has_previous: bool
    has_next: bool


def _identities(comment: Comment) -> list[str]:
    """The fields `_comment.html` shows of `comment` and the replies nested under it."""
    fields = (
        comment.pk, comment.parent_id, comment.author_id, comment.state, comment.hidden_reason,
        comment.is_placeholder, comment.is_spoiler, comment.episode, comment.like_count,
        comment.created_at.isoformat(), comment.edited_at and comment.edited_at.isoformat(),
        comment.nests_replies, comment.continues_thread, comment.reply_to and comment.reply_to.pk,
        comment.body,
    )  # fmt: skip
    lines = [repr(fields)]
    for reply in comment.shown_replies:
        lines += _identities(reply)
    return lines


def indent_cap() -> int:
    return max(1, min(settings.COMMENT_INDENT_CAP, PATH_DEPTH))


def comment_count(target: models.Model) -> int:
    content_type = ContentType.objects.get_for_model(target)
    stored = (
        CommentCount.objects.filter(content_type=content_type, object_id=target.pk)
        .values_list("count", flat=True)
        .first()
    )
    return stored or 0


def post_url(target: models.Model) -> str:
    content_type = ContentType.objects.get_for_model(target)
    return reverse(
        "comments:post",
        kwargs={"content_type_id": content_type.pk, "object_id": target.pk},
    )


def comment_section(
    *,
    target: models.Model,
    viewer: User | AnonymousUser,
    page_number: str | int | None = 1,
) -> CommentSection:
    """The comments part of a target's page: 3 queries (count, roots, replies)."""
    return CommentSection(
        target=target,
        count=comment_count(target),
        page=thread_page(
            target=target,
            page_number=page_number,
            include_hidden=can_moderate(viewer, MODERATE_PERMISSION),
        ),
        post_url=post_url(target),
        content_type_id=ContentType.objects.get_for_model(target).pk,
        episodes=episodes_of(target),
        fold_title_id=getattr(target, "title_id", None) if isinstance(target, Episode) else None,
        fold_episode=target.number if isinstance(target, Episode) else None,
    )


def episodes_of(target: models.Model) -> int:
    """How many episodes a commented title has: a comment on it may be about one of them."""
    return (target.episodes or 0) if isinstance(target, Title) else 0


def thread_page(
    *,
    target: models.Model,
    page_number: str | int | None = 1,
    per_page: int | None = None,
    replies_per_thread: int | None = None,
    include_hidden: bool = False,
) -> ThreadPage:
    """A page of threads, newest first, each with its first replies: 2 queries."""
    per_page = per_page or settings.COMMENT_THREADS_PER_PAGE
    if replies_per_thread is None:
        replies_per_thread = settings.COMMENT_REPLIES_PER_THREAD_ON_PAGE
    page = countless_page(
        Comment.objects.for_target(target)
        .roots()
        .shown_as_threads()
        .select_related("author")
        .newest_first(),
        page_number,
        per_page,
    )
    roots = page.object_list
    replies_by_root = _first_replies(roots, replies_per_thread + 1)
    threads = []
    for root in roots:
        replies = replies_by_root.get(root.pk, [])
        has_more = len(replies) > replies_per_thread
        _arrange(root, replies[:replies_per_thread], include_hidden=include_hidden)
        root.has_more_replies = has_more
        threads.append(Thread(root=root, reply_count=root.reply_count, has_more=has_more))
    return ThreadPage(page.number, threads, has_next=page.has_next)


def thread_detail(
    *,
    root: Comment,
    viewer: User | AnonymousUser,
    page_number: str | int | None = 1,
    per_page: int | None = None,
) -> ThreadDetail:
    """A thread's page of replies in reading order: 2 queries (its target, the replies)."""
    page = countless_page(
        Comment.objects.filter(root=root).select_related("author").in_reading_order(),
        page_number,
        per_page or settings.COMMENT_REPLIES_PER_PAGE,
    )
    _arrange(root, page.object_list, include_hidden=can_moderate(viewer, MODERATE_PERMISSION))
    return ThreadDetail(
        root=root,
        target=target_of(root),
        replies=root.shown_replies,
        number=page.number,
        has_previous=page.has_previous,
        has_next=page.has_next,
    )


def nests_replies(comment: Comment) -> bool:
    """Whether a reply to `comment` shows nested under it, or after it at the indent cap."""
    return comment.depth < indent_cap()


def prepare_single(comment: Comment) -> None:
    """Ready a just-posted comment to be shown on its own, as the page would show it."""
    _arrange(comment, [], include_hidden=False)
    parent = comment.parent
    if parent is not None and not nests_replies(parent):
        comment.reply_to = parent


def target_of(comment: Comment) -> models.Model:
    # A target's comments are removed with it (see apps.py), so it is always there.
    target = comment.target
    if target is None:
        raise LookupError(f"{comment} is on an object that no longer exists")
    return target


def _column(model: type[models.Model], name: str) -> str:
    """The database column of `model`'s field `name`: only concrete fields have one."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model._meta.label}.{name} is not a column")
    return field.column


def _first_replies_sql() -> str:
    """The LATERAL query of `_first_replies`, with the comment and user tables named by their
    models (the user model is swappable, and its table belongs to another app)."""
    user_model = get_user_model()
    user = user_model._meta
    comments = Comment._meta.db_table
    username, avatar = (_column(user_model, name) for name in ("username", "avatar"))
    return f"""
        SELECT reply.*, author.{username} AS author_username, author.{avatar} AS author_avatar
          FROM unnest(%s::bigint[]) AS root(id)
         CROSS JOIN LATERAL (
               SELECT * FROM {comments}
                WHERE root_id = root.id AND root_id IS NOT NULL
                ORDER BY path LIMIT %s) AS reply
          LEFT JOIN {user.db_table} AS author ON author.{user.pk.column} = reply.author_id
    """


def _first_replies(roots: list[Comment], limit: int) -> dict[int, list[Comment]]:
    """The first `limit` replies of each root in reading order, in one query.

    A LATERAL join runs one LIMITed scan of the (root, path) index per root, so the cost
    follows the page, never the size of a thread; being one short statement, it is also
    cheap to build, where a UNION of one ORM query per root cost more to compile than to run.
    The authors come in the same row, as instances holding just what the page shows.
    """
    if not roots or limit <= 0:
        return {}
    replies = Comment.objects.raw(_first_replies_sql(), [[root.pk for root in roots], limit])
    user_model = get_user_model()
    by_root: dict[int, list[Comment]] = {}
    for reply in sorted(replies, key=lambda reply: (reply.root_id, reply.path)):
        if reply.author_id is not None:
            reply.author = user_model.from_db(
                replies.db,
                ["id", "username", "avatar"],
                [reply.author_id, reply.author_username, reply.author_avatar],
            )
        by_root.setdefault(reply.thread_id, []).append(reply)
    return by_root


def _shown(comment: Comment, include_hidden: bool) -> bool:
    return comment.is_visible or (include_hidden and comment.state == Comment.State.HIDDEN)


def _parent_id(reply: Comment) -> int:
    if reply.parent_id is None:
        raise ValueError(f"{reply} starts a thread: it is not a reply")
    return reply.parent_id


def _arrange(root: Comment, replies: list[Comment], *, include_hidden: bool) -> None:
    """Nest `replies` (a run of the thread in reading order) under `root`.

    A hidden comment is kept, as a placeholder unless `include_hidden`; a deleted one only
    when something shown hangs under it.
    Replies deeper than the indent cap join the list of their ancestor at the cap, in order,
    marked with the comment they answer. A reply whose parent is on an earlier page of the
    thread starts the list, marked as continuing it.
    """
    cap = indent_cap()
    needed: set[int] = set()
    shown: list[Comment] = []
    for reply in reversed(replies):
        if reply.state != Comment.State.DELETED or reply.pk in needed:
            shown.append(reply)
            needed.add(_parent_id(reply))
    shown.reverse()

    for comment in [root, *shown]:
        comment.is_placeholder = not _shown(comment, include_hidden)
        comment.shown_replies = []
        # Where a reply to it goes: nested under it, or after it in the same list.
        comment.nests_replies = comment.depth < cap
        comment.reply_to = None
        comment.continues_thread = False
        comment.has_more_replies = False
    by_id = {root.pk: root, **{reply.pk: reply for reply in shown}}
    # The comment whose list of replies holds each reply.
    holder: dict[int, Comment] = {}
    for reply in shown:
        parent = by_id.get(_parent_id(reply))
        if parent is None:
            holder[reply.pk] = root
            reply.continues_thread = True
        elif parent.nests_replies:
            holder[reply.pk] = parent
        else:
            holder[reply.pk] = holder.get(parent.pk, root)
            reply.reply_to = parent
        holder[reply.pk].shown_replies.append(reply)


def comments_by(author: User) -> models.QuerySet[Comment]:
    """The member's comments that they have not deleted, hidden ones too: for the member's own
    use only."""
    return (
        Comment.objects.filter(author=author)
        .exclude(state=Comment.State.DELETED)
        .select_related("content_type")
        .order_by("pk")
    )


def visible_comments(ids: Collection[int]) -> dict[int, Comment]:
    """These comments, those still there and shown (the feed's comments), each `folded` when
    its words may spoil an episode."""
    if not ids:
        return {}
    shown = Comment.objects.visible().filter(pk__in=ids).select_related("root")
    fields = ("body", "is_spoiler", "content_type_id", "episode", "root__episode")
    found = shown.only(*fields).in_bulk()
    on_episodes = ContentType.objects.get_for_model(Episode).pk
    for comment in found.values():
        comment.folded = comment.may_spoil(on_episode=comment.content_type_id == on_episodes)
    return found
