"""A page of threads is read first as each thread's identity (comments/threads.py): every change
to what a thread shows moves its identity and no other thread's, and the rows are read only for
the threads shown."""

import pytest

from comments.services import (
    comment_delete,
    comment_edit,
    comment_hide,
    comment_like,
    comment_post,
)
from comments.threads import thread_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def threads(title, user_factory, moderator):
    writer, reader = user_factory(username="writer"), user_factory(username="reader")
    quiet = comment_post(author=writer, target=title, body="A quiet thread.")
    busy = comment_post(author=writer, target=title, body="A busy thread.")
    reply = comment_post(author=reader, target=title, body="A first reply.", parent_id=busy.pk)
    return {"title": title, "writer": writer, "reader": reader, "moderator": moderator,
            "quiet": quiet, "busy": busy, "reply": reply}  # fmt: skip


def identities(title) -> dict[int, str]:
    return {thread.root_id: thread.identity for thread in thread_page(target=title).threads}


CHANGES = {
    "a reply": lambda t: comment_post(author=t["reader"], target=t["title"], body="Me too.",
                                      parent_id=t["busy"].pk),
    "a reply to a reply": lambda t: comment_post(author=t["writer"], target=t["title"],
                                                 body="Thanks.", parent_id=t["reply"].pk),
    "a like of the root": lambda t: comment_like(user=t["reader"], comment=t["busy"], liked=True),
    "a like of a reply": lambda t: comment_like(user=t["writer"], comment=t["reply"], liked=True),
    "an edit of a reply": lambda t: comment_edit(comment=t["reply"], editor=t["reader"],
                                                 body="Edited.", is_spoiler=False),
    "a spoiler mark": lambda t: comment_edit(comment=t["busy"], editor=t["writer"],
                                             body="A busy thread.", is_spoiler=True),
    "a hidden reply": lambda t: comment_hide(comment=t["reply"], moderator=t["moderator"],
                                             reason="Rude."),
    "a deleted reply": lambda t: comment_delete(comment=t["reply"], user=t["reader"]),
}  # fmt: skip


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_a_change_in_a_thread_moves_its_identity_and_no_other(threads, change):
    before = identities(threads["title"])
    CHANGES[change](threads)
    after = identities(threads["title"])
    moved = {pk for pk in before if before[pk] != after[pk]}
    assert moved == {threads["busy"].pk}


def test_the_identities_are_read_without_the_rows(threads, django_assert_num_queries):
    # Expect 1 query: the page's roots with each thread's digest, made by PostgreSQL.
    with django_assert_num_queries(1):
        page = thread_page(target=threads["title"])
        assert [thread.root_id for thread in page.threads] == [threads["busy"].pk,
                                                               threads["quiet"].pk]  # fmt: skip


def test_rows_are_read_once_for_the_threads_made_ready(threads, django_assert_num_queries):
    page = thread_page(target=threads["title"])
    busy, quiet = page.threads
    # Expect 1 query: the busy thread's root and first replies with their authors.
    with django_assert_num_queries(1):
        assert page.threads.ready([busy]) == []  # nothing moved since the page was read
        assert [reply.body for reply in busy.replies] == ["A first reply."]
        assert busy.root.author.username == "writer"
    # Expect 1 query: the quiet thread, read on its first use.
    with django_assert_num_queries(1):
        assert quiet.root.body == "A quiet thread." and quiet.replies == []
        assert busy.reply_count == 1 and not busy.has_more


def test_a_thread_written_to_between_the_two_reads_is_shown_as_read_but_not_stored(threads):
    page = thread_page(target=threads["title"])
    busy = page.threads[0]
    comment_like(user=threads["reader"], comment=threads["busy"], liked=True)

    assert page.threads.ready(page.threads) == [busy]
    assert busy.root.like_count == 1  # shown as it is now


def test_later_pages_hold_their_own_threads(threads):
    for n in range(3):
        comment_post(author=threads["reader"], target=threads["title"], body=f"Newer {n}.")

    second = thread_page(target=threads["title"], page_number=2, per_page=2)
    last = thread_page(target=threads["title"], page_number="3", per_page=2)

    assert [t.root.body for t in second.threads] == ["Newer 0.", "A busy thread."]
    assert second.number == 2 and second.has_previous and second.has_next
    assert [t.root.body for t in last.threads] == ["A quiet thread."]
    assert last.number == 3 and not last.has_next


def test_a_thread_gone_since_the_page_was_read_shows_as_deleted(threads):
    page = thread_page(target=threads["title"])
    threads["quiet"].delete()  # as when its target is removed meanwhile
    quiet = page.threads[1]
    assert quiet.root.is_placeholder and quiet.root.state == "deleted"
    assert page.threads[0].root.body == "A busy thread."


def test_those_who_see_hidden_comments_get_other_identities(threads):
    mine = thread_page(target=threads["title"]).threads[0].identity
    theirs = thread_page(target=threads["title"], include_hidden=True).threads[0].identity
    assert mine != theirs
