"""Where a comment lives: the address of the page that shows it, on its target's page when it
is there, else on its thread's own page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from .models import Comment
from .selectors import PAGE_PARAM, HasPage, target_of


def thread_location(comment: Comment) -> str:
    """The page of its thread that shows a reply: one query."""
    position = Comment.objects.filter(root_id=comment.root_id, path__lt=comment.path).count()
    return _thread_url(comment, position)


def _thread_url(comment: Comment, position: int) -> str:
    number = position // settings.COMMENT_REPLIES_PER_PAGE + 1
    query = f"?page={number}" if number > 1 else ""
    root_url = reverse("comments:thread", kwargs={"pk": comment.root_id})
    return f"{root_url}{query}#comment-{comment.pk}"


def _target_url(target: models.Model, newer_threads: int, comment: Comment) -> str:
    """The page of `target` that shows the thread after `newer_threads` newer ones."""
    if not isinstance(target, HasPage):
        raise TypeError(f"{target!r} has no page to show its comments on")
    number = newer_threads // settings.COMMENT_THREADS_PER_PAGE + 1
    query = f"?{PAGE_PARAM}={number}" if number > 1 else ""
    return f"{target.get_absolute_url()}{query}#comment-{comment.pk}"


def posted_location(comment: Comment, target: models.Model) -> str:
    """The address that shows a comment just posted on `target`: a new thread is the newest,
    first on the target's first page (no query); a reply is found as `comment_location` says."""
    if comment.root_id is not None:
        return comment_location(comment, target=target)
    return _target_url(target, 0, comment)


def comment_location(comment: Comment, *, target: models.Model | None = None) -> str:
    """The address that shows `comment`: its target's page when it is there, else its thread.

    At most four queries: the thread's root and the target when not given, the thread's
    position on the target's page, and the reply's position in its thread.
    """
    root = comment if comment.root_id is None else Comment.objects.get(pk=comment.root_id)
    target = target or target_of(root)
    newer_threads = (
        Comment.objects.filter(content_type_id=root.content_type_id, object_id=root.object_id)
        .roots()
        .shown_as_threads()
        .filter(Q(created_at__gt=root.created_at) | Q(created_at=root.created_at, pk__gt=root.pk))
        .count()
    )
    on_target = _target_url(target, newer_threads, comment)
    if comment.root_id is None:
        return on_target
    position = Comment.objects.filter(root_id=root.pk, path__lt=comment.path).count()
    if position < settings.COMMENT_REPLIES_PER_THREAD_ON_PAGE:
        return on_target
    return _thread_url(comment, position)
