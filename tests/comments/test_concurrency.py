"""The stored counts stay equal to the visible rows when many people post and delete at once."""

import pytest

from comments.models import Comment, CommentCount
from comments.services import comment_delete, comment_post
from tests.concurrency import run_together

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 8
ROUNDS = 6


def test_counts_stay_true_under_concurrent_posting_and_deleting(
    title, user_factory, comment_factory
):
    people = [user_factory() for _ in range(WORKERS)]
    root = comment_factory(target=title, body="Start of a busy thread.")

    def work(i: int) -> None:
        person = people[i]
        mine = []
        for round_ in range(ROUNDS):
            parent_id = root.pk if round_ % 2 else None
            mine.append(
                comment_post(author=person, target=title, body=f"{i}/{round_}", parent_id=parent_id)
            )
            if round_ % 3 == 2:
                comment_delete(comment=mine.pop(0), user=person)

    assert run_together(work, WORKERS) == []

    visible = Comment.objects.for_target(title).visible()
    stored = CommentCount.objects.get(object_id=title.pk).count
    assert stored == visible.count() == 1 + WORKERS * (ROUNDS - ROUNDS // 3)
    root.refresh_from_db()
    assert root.reply_count == visible.filter(root=root).count()
