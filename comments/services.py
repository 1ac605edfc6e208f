"""Every write to comments, each in one transaction with the counters it changes.

Three counters stay true here: a target's number of visible comments (`CommentCount`), a
thread's number of visible replies (`Comment.reply_count` on its root) and a comment's likes
(`Comment.like_count`). Rows are locked in one
order everywhere (the comment or parent, then its root, then the count), so concurrent writers
wait for each other instead of deadlocking.

How often a member may post is a throttle like every other (core/throttle.py), which the view
that takes the member's post hands to `comment_post`; demo data and imports post at their own
pace.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from accounts.models import User
from core.counters import counter_add
from core.moderation import announce, check_may_moderate
from core.versions import COMMENTS, member_version, object_version, pages_changed
from titles.models import Title

from . import notices
from .models import Comment, CommentCount, CommentLike, child_path, path_segment

MODERATE_PERMISSION = "comments.change_comment"
# Told to the author of a comment hidden without a reason of its own (the page's Hide button).
DEFAULT_HIDDEN_REASON = "It breaks the site's rules for comments."


def target_allowed(model: type[models.Model]) -> bool:
    allowed = {label.lower() for label in settings.COMMENT_TARGET_MODELS}
    return model._meta.label_lower in allowed


@transaction.atomic
def comment_post(
    *,
    author: User | AnonymousUser,
    target: models.Model,
    body: str,
    is_spoiler: bool = False,
    parent_id: int | None = None,
    episode: int | None = None,
    throttle: Callable[[], None] | None = None,
) -> Comment:
    """Post a comment, or a reply when `parent_id` is given, as a signed-in user. A new
    comment on a title may say which `episode` it is about.

    `throttle` is called once the comment is known to be one that would be stored, so a
    refused text uses up no turn; it raises to refuse the post (the view's rate limit).
    """
    if not (author.is_authenticated and author.is_active):
        raise PermissionDenied("Sign in to post comments.")
    content_type = _content_type_for(target)
    body = _clean_body(body)
    parent = None
    if parent_id is not None:
        parent = _lock_parent(parent_id, content_type=content_type, object_id=target.pk)
    mentioned = notices.check_may_post(author, body, parent, target)
    if episode is not None:
        _check_episode(target, episode, parent)
    if throttle is not None:
        throttle()
    comment = _insert(
        author=author,
        content_type=content_type,
        object_id=target.pk,
        body=body,
        is_spoiler=is_spoiler,
        parent=parent,
        created_at=timezone.now(),
        episode=episode,
    )
    notices.comment_posted(comment, target, parent, mentioned)
    return comment


@transaction.atomic
def comment_import(
    *,
    author: User,
    target: models.Model,
    body: str,
    created_at: datetime,
    is_spoiler: bool = False,
    parent: Comment | None = None,
) -> Comment:
    """Store a comment written elsewhere (demo data, an import) at its original time.

    The same rules as posting apply.
    """
    content_type = _content_type_for(target)
    body = _clean_body(body)
    if parent is not None:
        parent = _lock_parent(parent.pk, content_type=content_type, object_id=target.pk)
    return _insert(
        author=author,
        content_type=content_type,
        object_id=target.pk,
        body=body,
        is_spoiler=is_spoiler,
        parent=parent,
        created_at=created_at,
    )


@transaction.atomic
def comment_edit(
    *, comment: Comment, editor: User | AnonymousUser, body: str, is_spoiler: bool
) -> Comment:
    """Change the text or spoiler flag of one's own comment; it shows as edited."""
    locked = _lock(comment)
    if not editor.is_authenticated or locked.author_id != editor.pk:
        raise PermissionDenied("You can only edit your own comments.")
    if locked.state == Comment.State.HIDDEN:
        raise ValidationError(
            "A moderator hid this comment, so it can no longer be edited.", code="hidden"
        )
    if locked.state == Comment.State.DELETED:
        raise ValidationError("This comment was deleted.", code="deleted")
    body = _clean_body(body)
    # A mention added in an edit is linked, not notified: it is refused all the same by a
    # member who blocks the writer.
    notices.check_may_post(editor, body, None)
    if body == locked.body and is_spoiler == locked.is_spoiler:
        return locked
    locked.body = body
    locked.is_spoiler = is_spoiler
    locked.edited_at = timezone.now()
    locked.save(update_fields=["body", "is_spoiler", "edited_at"])
    return locked


@transaction.atomic
def comment_delete(*, comment: Comment, user: User | AnonymousUser) -> Comment:
    """Delete one's own comment. The row stays, without its text, so replies keep their place."""
    locked = _lock(comment)
    if not user.is_authenticated or locked.author_id != user.pk:
        raise PermissionDenied("You can only delete your own comments.")
    if locked.state == Comment.State.DELETED:
        raise ValidationError("This comment is already deleted.", code="deleted")
    was_visible = locked.is_visible
    locked.state = Comment.State.DELETED
    locked.body = ""
    locked.save(update_fields=["state", "body"])
    if was_visible:
        _visible_changed(locked, -1)
    return locked


def comment_hide(*, comment: Comment, moderator: User | AnonymousUser, reason: str = "") -> Comment:
    """Hide a comment from everyone but moderators, telling its author `reason`; it can be
    restored."""
    return _moderate(
        comment,
        moderator,
        to=Comment.State.HIDDEN,
        reason=reason.strip() or DEFAULT_HIDDEN_REASON,
        refused="Only moderators can hide comments.",
        invalid=("Only a visible comment can be hidden.", "not_visible"),
    )


def comment_restore(*, comment: Comment, moderator: User | AnonymousUser) -> Comment:
    """Show a hidden comment again."""
    return _moderate(
        comment,
        moderator,
        to=Comment.State.VISIBLE,
        refused="Only moderators can restore comments.",
        invalid=("Only a hidden comment can be restored.", "not_hidden"),
    )


@transaction.atomic
def _moderate(
    comment: Comment,
    moderator: User | AnonymousUser,
    *,
    to: str,
    refused: str,
    invalid: tuple[str, str],
    reason: str = "",
) -> Comment:
    """Move a comment between visible and hidden, keeping the counts true."""
    check_may_moderate(moderator, MODERATE_PERMISSION, author_id=comment.author_id,
                       refused=refused)  # fmt: skip
    locked = _lock(comment)
    source = Comment.State.VISIBLE if to == Comment.State.HIDDEN else Comment.State.HIDDEN
    if locked.state != source:
        message, code = invalid
        raise ValidationError(message, code=code)
    locked.state = to
    locked.hidden_reason = reason[: Comment._meta.get_field("hidden_reason").max_length]
    locked.save(update_fields=["state", "hidden_reason"])
    _visible_changed(locked, +1 if to == Comment.State.VISIBLE else -1)
    announce(locked, kind="comment", author_id=locked.author_id, moderator=moderator,
             verb="hide" if to == Comment.State.HIDDEN else "restore",
             note=locked.hidden_reason)  # fmt: skip
    return locked


@transaction.atomic
def comments_remove_for_target(*, content_type_id: int, object_id: int) -> None:
    """Remove every comment of an object that no longer exists, and its count."""
    of_target = Comment.objects.filter(content_type_id=content_type_id, object_id=object_id)
    roots = of_target.filter(parent__isnull=True).values("pk")
    # Two statements, each served by an index: the replies by root, then the roots.
    Comment.objects.filter(root__in=roots).delete()
    of_target.filter(parent__isnull=True).delete()
    CommentCount.objects.filter(content_type_id=content_type_id, object_id=object_id).delete()
    pages_changed(COMMENTS)


def _content_type_for(target: models.Model) -> ContentType:
    # A hidden review takes no comments (`is_visible`, where a target has one).
    if (
        target.pk is None
        or not target_allowed(type(target))
        or not getattr(target, "is_visible", True)
    ):
        raise ValidationError("Comments are not open here.", code="target")
    return ContentType.objects.get_for_model(target)


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError("Write something first: the comment is empty.", code="empty")
    if "\x00" in body:
        raise ValidationError("The comment contains a character that cannot be stored.")
    limit = settings.COMMENT_MAX_LENGTH
    if len(body) > limit:
        raise ValidationError(
            f"A comment can be at most {limit:,} characters long; this one has {len(body):,}.",
            code="too_long",
        )
    return body


@transaction.atomic
def comment_like(*, user: User, comment: Comment, liked: bool) -> Comment:
    """Like the comment, or take the like back (`liked` False); doing it twice changes nothing.
    One's own comments, and comments no longer shown, cannot be liked."""
    comment = _lock(comment)
    pages_changed(member_version(user.pk))  # their Like, pressed or not
    if liked:
        if comment.author_id == user.pk:
            raise ValidationError("You cannot like your own comment.", code="own")
        if not comment.is_visible:
            raise ValidationError("This comment is no longer shown.", code="not_visible")
        # The comment's lock makes a member's second like wait for the first, then see it.
        change = 0
        if not CommentLike.objects.filter(comment=comment, user=user).exists():
            CommentLike.objects.create(comment=comment, user=user)
            change = 1
    else:
        change = -CommentLike.objects.filter(comment=comment, user=user).delete()[0]
    if change:
        counter_add(Comment, keys={"pk": comment.pk}, delta=change, field="like_count",
                    create=False)  # fmt: skip
        comment.like_count += change
    return comment


def _lock(comment: Comment) -> Comment:
    """Lock a comment before it changes; the pages that show it are made afresh on commit."""
    locked = (
        Comment.objects.select_for_update(no_key=True, of=("self",))
        .select_related("author")
        .get(pk=comment.pk)
    )
    _pages_changed(locked.content_type_id, locked.object_id)
    return locked


def _pages_changed(content_type_id: int, object_id: int) -> None:
    pages_changed(*comment_pages(content_type_id, object_id))


def comment_pages(content_type_id: int, object_id: int) -> list[str]:
    """The versions of the pages that show a comment: its target's pages and every thread
    page (core/versions.py)."""
    target = ContentType.objects.get_for_id(content_type_id)
    return [object_version(f"{target.app_label}.{target.model}", object_id, "comments"), COMMENTS]


def _lock_parent(parent_id: int, *, content_type: ContentType, object_id: int) -> Comment:
    # Locked so that it cannot be hidden or deleted between this check and the reply's insert.
    parent = (
        Comment.objects.select_for_update(no_key=True, of=("self",))
        .select_related("author", "root__author")
        .filter(pk=parent_id, content_type=content_type, object_id=object_id)
        .first()
    )
    if parent is None:
        raise ValidationError(
            "The comment you are replying to does not exist on this page.", code="no_parent"
        )
    if parent.state == Comment.State.HIDDEN:
        raise ValidationError(
            "A moderator hid the comment you are replying to; it takes no replies.",
            code="parent_hidden",
        )
    if parent.state == Comment.State.DELETED:
        raise ValidationError(
            "The comment you are replying to was deleted; it takes no replies.",
            code="parent_deleted",
        )
    return parent


def _check_episode(target: models.Model, episode: int, parent: Comment | None) -> None:
    if parent is not None:
        raise ValidationError("A reply belongs to its thread's episode.", code="episode")
    episodes = getattr(target, "episodes", None) if isinstance(target, Title) else None
    if not episodes or not 1 <= episode <= episodes:
        raise ValidationError({"episode": f"{target} has no episode {episode}."}, code="episode")


def _insert(
    *,
    author: User,
    content_type: ContentType,
    object_id: int,
    body: str,
    is_spoiler: bool,
    parent: Comment | None,
    created_at: datetime,
    episode: int | None = None,
) -> Comment:
    # The id is taken first so the path, which ends with it, goes in with the row.
    (comment_id,) = Comment.objects.reserve_ids(1)
    if parent is None:
        tree = {"path": path_segment(comment_id), "depth": 0, "root_id": None}
    else:
        tree = {
            "path": child_path(parent.path, parent.depth, comment_id),
            "depth": parent.depth + 1,
            "root": parent if parent.root_id is None else parent.root,
            "parent": parent,
        }
    comment = Comment.objects.create(
        id=comment_id,
        content_type=content_type,
        object_id=object_id,
        author=author,
        body=body,
        is_spoiler=is_spoiler,
        created_at=created_at,
        episode=episode,
        **tree,
    )
    _visible_changed(comment, +1)
    _pages_changed(content_type.pk, object_id)
    return comment


def _visible_changed(comment: Comment, delta: int) -> None:
    """A comment became visible (+1) or stopped being visible (-1): update both counters."""
    if comment.root_id is not None:
        keys = {"pk": comment.root_id}
        counter_add(Comment, keys=keys, field="reply_count", delta=delta, create=False)
    _change_count(comment.content_type_id, comment.object_id, delta)


def _change_count(content_type_id: int, object_id: int, delta: int) -> None:
    keys = {"content_type_id": content_type_id, "object_id": object_id}
    counter_add(CommentCount, keys=keys, delta=delta)
