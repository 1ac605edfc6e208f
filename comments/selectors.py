"""Reading comments: the comments part of a page (its page of threads: threads.py), one
thread's page and counts (where a comment lives: locations.py).

Every function here runs a fixed number of queries whatever the number of comments, and hands
back plain lists: each shown comment carries `shown_replies` (the replies nested under it),
`is_placeholder`, `nests_replies` and, when it is shown away from its parent, `reply_to`
(nesting.py).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from accounts.models import User
from core.moderation import can_moderate
from core.pagination import countless_page
from titles.models import Episode, Title

from .forms import CommentForm
from .models import Comment, CommentCount
from .nesting import arrange, nests_replies
from .services import MODERATE_PERMISSION
from .threads import ThreadPage, thread_page

# The query string key of the comments page on a target's own page (the title page).
PAGE_PARAM = "cpage"


@runtime_checkable
class HasPage(Protocol):
    """A model with a page of its own: what comments are open on (COMMENT_TARGET_MODELS)."""

    def get_absolute_url(self) -> str: ...


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
    """The comments part of a target's page: 2 queries (the count, the page of threads with
    their digests: threads.py), and one more for the rows of the threads rendered."""
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
    arrange(root, page.object_list, include_hidden=can_moderate(viewer, MODERATE_PERMISSION))
    return ThreadDetail(
        root=root,
        target=target_of(root),
        replies=root.shown_replies,
        number=page.number,
        has_previous=page.has_previous,
        has_next=page.has_next,
    )


def prepare_single(comment: Comment) -> None:
    """Ready a just-posted comment to be shown on its own, as the page would show it."""
    arrange(comment, [], include_hidden=False)
    parent = comment.parent
    if parent is not None and not nests_replies(parent):
        comment.reply_to = parent


def target_of(comment: Comment) -> models.Model:
    # A target's comments are removed with it (see apps.py), so it is always there.
    target = comment.target
    if target is None:
        raise LookupError(f"{comment} is on an object that no longer exists")
    return target


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
