from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Comment
from comments.selectors import thread_detail
from comments.services import comment_delete, comment_hide
from comments.threads import thread_page

pytestmark = pytest.mark.django_db


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def test_threads_come_newest_first_with_replies_in_reading_order(title, comment_factory):
    old = comment_factory(target=title, body="Old", created_at=days_ago(10))
    new = comment_factory(target=title, body="New", created_at=days_ago(1))
    first = comment_factory(parent=old, body="First reply", created_at=days_ago(9))
    second = comment_factory(parent=old, body="Second reply", created_at=days_ago(8))
    under_first = comment_factory(parent=first, body="Under first", created_at=days_ago(7))

    page = thread_page(target=title, page_number=1)

    assert [thread.root.body for thread in page.threads] == ["New", "Old"]
    old_thread = page.threads[1]
    assert [reply.pk for reply in old_thread.replies] == [first.pk, second.pk]
    assert [reply.pk for reply in old_thread.replies[0].shown_replies] == [under_first.pk]
    assert old_thread.reply_count == 3
    assert new.pk == page.threads[0].root.pk


def test_threads_are_paginated_and_the_last_page_knows_it(title, comment_factory):
    for day in range(5):
        comment_factory(target=title, body=f"Day {day}", created_at=days_ago(day))

    first = thread_page(target=title, page_number=1, per_page=2)
    last = thread_page(target=title, page_number="3", per_page=2)

    assert [t.root.body for t in first.threads] == ["Day 0", "Day 1"]
    assert (first.has_previous, first.has_next) == (False, True)
    assert [t.root.body for t in last.threads] == ["Day 4"]
    assert (last.has_previous, last.has_next) == (True, False)


@pytest.mark.parametrize("bad", ["abc", "-1", "0", None, "99999999999"])
def test_a_nonsense_page_number_shows_the_first_page(title, comment_factory, bad):
    comment_factory(target=title)
    assert thread_page(target=title, page_number=bad).number == 1


def test_a_busy_thread_shows_its_first_replies_and_says_how_many_there_are(
    title, comment_factory, settings
):
    settings.COMMENT_REPLIES_PER_THREAD_ON_PAGE = 3
    root = comment_factory(target=title)
    replies = [comment_factory(parent=root) for _ in range(5)]

    thread = thread_page(target=title).threads[0]

    assert [reply.pk for reply in thread.replies] == [reply.pk for reply in replies[:3]]
    assert thread.has_more and thread.root.has_more_replies
    assert thread.reply_count == 5


def test_replies_below_the_indent_cap_are_shown_flat_and_say_whom_they_answer(
    title, comment_factory, settings
):
    settings.COMMENT_INDENT_CAP = 2
    root = comment_factory(target=title)
    level1 = comment_factory(parent=root)
    level2 = comment_factory(parent=level1)
    level3 = comment_factory(parent=level2)
    level4 = comment_factory(parent=level3)

    thread = thread_page(target=title).threads[0]

    assert thread.replies == [level1]
    shown_under_level1 = thread.replies[0].shown_replies
    assert [c.pk for c in shown_under_level1] == [level2.pk, level3.pk, level4.pk]
    assert shown_under_level1[0].reply_to is None
    assert shown_under_level1[1].reply_to.pk == level2.pk
    assert shown_under_level1[2].reply_to.pk == level3.pk


def test_a_deleted_comment_with_replies_stays_as_a_placeholder(user, title, comment_factory):
    root = comment_factory(author=user, target=title)
    reply = comment_factory(parent=root, body="Still here")
    lonely = comment_factory(author=user, target=title, created_at=days_ago(5))
    comment_delete(comment=root, user=user)
    comment_delete(comment=lonely, user=user)

    page = thread_page(target=title)

    assert len(page.threads) == 1
    assert page.threads[0].root.is_placeholder
    assert [c.pk for c in page.threads[0].replies] == [reply.pk]


def test_a_deleted_reply_without_replies_is_left_out(user, title, comment_factory):
    root = comment_factory(target=title)
    gone = comment_factory(author=user, parent=root)
    kept = comment_factory(parent=root)
    comment_delete(comment=gone, user=user)

    assert [c.pk for c in thread_page(target=title).threads[0].replies] == [kept.pk]


def test_hidden_comments_are_placeholders_for_others_and_readable_for_moderators(
    moderator, title, comment_factory
):
    root = comment_factory(target=title)
    hidden = comment_factory(parent=root, body="Rude words")
    comment_factory(parent=hidden)
    hidden_alone = comment_factory(parent=root)
    comment_hide(comment=hidden, moderator=moderator)
    comment_hide(comment=hidden_alone, moderator=moderator)

    for_readers = thread_page(target=title).threads[0].replies
    for_moderators = thread_page(target=title, include_hidden=True).threads[0].replies

    # A hidden comment keeps its place, with or without replies, so that its author can
    # read why it was hidden; a deleted one without replies leaves no trace.
    deleted_alone = comment_factory(parent=root)
    Comment.objects.filter(pk=deleted_alone.pk).update(state=Comment.State.DELETED, body="")
    assert [(c.pk, c.is_placeholder) for c in for_readers] == [
        (hidden.pk, True),
        (hidden_alone.pk, True),
    ]
    assert [(c.pk, c.is_placeholder) for c in for_moderators] == [
        (hidden.pk, False),
        (hidden_alone.pk, False),
    ]
    assert deleted_alone.pk not in [c.pk for c in thread_page(target=title).threads[0].replies]


def test_a_thread_page_lists_replies_in_reading_order_a_page_at_a_time(
    user, title, comment_factory
):
    root = comment_factory(target=title)
    a = comment_factory(parent=root)
    b = comment_factory(parent=root)
    a1 = comment_factory(parent=a)
    b1 = comment_factory(parent=b)

    first = thread_detail(root=root, viewer=user, page_number=1, per_page=3)
    second = thread_detail(root=root, viewer=user, page_number=2, per_page=3)

    assert [c.pk for c in first.replies] == [a.pk, b.pk]
    assert [c.pk for c in first.replies[0].shown_replies] == [a1.pk]
    assert first.has_next and not second.has_next
    # b1's parent is on the first page: it starts the second, marked as continuing.
    assert [c.pk for c in second.replies] == [b1.pk]
    assert second.replies[0].continues_thread
    assert second.target == title


def test_the_stored_thread_shape_is_checked_by_the_database(title, comment_factory):
    from django.db import IntegrityError, transaction

    root = comment_factory(target=title)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=root.pk).update(depth=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=root.pk).update(body="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=root.pk).update(state="gone")
