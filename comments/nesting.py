"""How a run of a thread's comments nests for showing: which reply goes under which comment,
what shows as a placeholder, and where the indent stops. Pure: it reads no rows."""

from __future__ import annotations

from django.conf import settings

from .models import PATH_DEPTH, Comment


def indent_cap() -> int:
    return max(1, min(settings.COMMENT_INDENT_CAP, PATH_DEPTH))


def nests_replies(comment: Comment) -> bool:
    """Whether a reply to `comment` shows nested under it, or after it at the indent cap."""
    return comment.depth < indent_cap()


def arrange(root: Comment, replies: list[Comment], *, include_hidden: bool) -> None:
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


def _shown(comment: Comment, include_hidden: bool) -> bool:
    return comment.is_visible or (include_hidden and comment.state == Comment.State.HIDDEN)


def _parent_id(reply: Comment) -> int:
    if reply.parent_id is None:
        raise ValueError(f"{reply} starts a thread: it is not a reply")
    return reply.parent_id
