"""What the members around a new comment hear of it: the one replied to, the thread's
starter, those mentioned, and the writer's followers (the activity log)."""

from __future__ import annotations

from django.db import models

from accounts.models import User
from core.markup import plain_teaser
from social.mentions import check_may_reply, mentioned_members
from social.models import Kind, Verb
from social.services import activity_record, notify_each
from titles.models import Episode, Title

from .models import Comment

QUOTE_WORDS = 30


def check_may_post(author: User, body: str, parent: Comment | None,
                   target: models.Model | None = None) -> set[int]:  # fmt: skip
    """Refuse a comment where a member who blocks the writer would read it as addressed to
    them (a reply to them or in their thread, a comment on their review), or a mention of
    one; the members mentioned otherwise."""
    to: dict[int | None, str] = {}
    if parent is not None:
        to[parent.author_id] = parent.author_name
        if parent.root is not None:
            to[parent.root.author_id] = parent.root.author_name
    owner = getattr(target, "user", None)
    if owner is not None:
        to[owner.pk] = owner.username
    check_may_reply(author, to)
    return set(mentioned_members(body, author))


def comment_posted(comment: Comment, target: models.Model, parent: Comment | None,
                   mentioned: set[int]) -> None:  # fmt: skip
    """Tell those the comment concerns, in the comment's transaction: the one replied to, the
    thread's starter, then those mentioned; each hears once."""
    where = getattr(target, "full_name", None) or str(target)
    notes: dict[int, tuple[Kind, str]] = dict.fromkeys(
        mentioned, (Kind.MENTION, f"mentioned you in a comment on {where}")
    )
    owner = getattr(target, "user_id", None)  # a review's writer hears of comments on it
    if owner is not None and parent is None:
        about = getattr(target, "title", where)
        notes[owner] = (Kind.REPLY, f"commented on your {target._meta.verbose_name} of {about}")
    if parent is not None:
        if parent.root is not None and parent.root.author_id is not None:
            notes[parent.root.author_id] = (Kind.REPLY, f"replied in your thread on {where}")
        if parent.author_id is not None:
            notes[parent.author_id] = (Kind.REPLY, f"replied to your comment on {where}")
    # The quote shows in the list and the digest mail, which cannot fold words.
    folded = comment.may_spoil(on_episode=isinstance(target, Episode))
    quote = "" if folded else plain_teaser(comment.body, QUOTE_WORDS)
    notify_each(notes, actor=comment.author, url=comment.get_absolute_url(), quote=quote)
    title_id = target.pk if isinstance(target, Title) else getattr(target, "title_id", None)
    assert comment.author_id is not None, "a new comment has its author"
    activity_record(actor_id=comment.author_id, verb=Verb.COMMENTED, object_id=comment.pk,
                    title_id=title_id)  # fmt: skip
