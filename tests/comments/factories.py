"""Comment factories. Comments are made through the services, so counts stay true; the big
fixtures for query-count tests are bulk-inserted with the same tree rules."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from comments.models import Comment, CommentCount, child_path, path_segment
from comments.services import comment_import
from tests.factories import TitleFactory, UserFactory


class CommentFactory(factory.Factory):
    class Meta:
        model = Comment

    author = factory.SubFactory(UserFactory)
    parent = None
    target = factory.LazyAttribute(lambda o: o.parent.target if o.parent else TitleFactory())
    body = factory.Sequence(lambda n: f"Comment number {n}.")
    is_spoiler = False
    created_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @classmethod
    def _create(cls, model_class, **kwargs) -> Comment:
        return comment_import(**kwargs)


def build_forest(
    target: models.Model, *, threads: int, replies_per_thread: int, authors: list
) -> list[Comment]:
    """`threads` threads of `replies_per_thread` replies each, most of them in deep chains.

    Every fourth reply answers an earlier reply halfway up its thread; the others answer the
    reply just before, so threads grow hundreds of levels deep. Counts are stored as the
    services would store them. Returns the roots, oldest first.
    """
    content_type = ContentType.objects.get_for_model(target)
    per_thread = replies_per_thread + 1
    ids = iter(Comment.objects.reserve_ids(threads * per_thread))
    start = timezone.now() - timedelta(days=400)
    rows: list[Comment] = []
    roots: list[Comment] = []
    for t in range(threads):
        root_id = next(ids)
        root = Comment(
            id=root_id,
            content_type=content_type,
            object_id=target.pk,
            author=authors[t % len(authors)],
            body=f"Thread {t} starts here.",
            path=path_segment(root_id),
            depth=0,
            reply_count=replies_per_thread,
            created_at=start + timedelta(hours=t),
        )
        roots.append(root)
        rows.append(root)
        thread = [root]
        for i in range(1, per_thread):
            parent = thread[i - 1] if i % 4 else thread[i // 2]
            reply_id = next(ids)
            reply = Comment(
                id=reply_id,
                content_type=content_type,
                object_id=target.pk,
                author=authors[i % len(authors)],
                body=f"Reply {i} in thread {t}.",
                parent=parent,
                root=root,
                depth=parent.depth + 1,
                path=child_path(parent.path, parent.depth, reply_id),
                created_at=root.created_at + timedelta(seconds=i),
            )
            thread.append(reply)
            rows.append(reply)
    Comment.objects.bulk_create(rows, batch_size=1000)
    CommentCount.objects.update_or_create(
        content_type=content_type, object_id=target.pk, defaults={"count": len(rows)}
    )
    return roots
