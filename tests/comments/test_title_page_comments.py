from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from comments.services import comment_delete, comment_hide

pytestmark = pytest.mark.django_db


def page_html(client, title, query: str = "") -> str:
    response = client.get(title.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_count_and_each_comments_author_date_and_text(
    client, title, user, comment_factory
):
    comment_factory(
        target=title,
        author=user,
        body="A recent thought.",
        created_at=timezone.now() - timedelta(days=28),
    )
    comment_factory(
        target=title, body="An old thought.", created_at=datetime(2014, 7, 15, 12, tzinfo=UTC)
    )

    html = page_html(client, title)

    assert "Comments (2)" in html
    assert "alice</a>" in html
    assert "28 days ago" in html
    assert "Jul 15, 2014" in html
    assert html.index("A recent thought.") < html.index("An old thought.")


def test_guests_are_asked_to_sign_in_and_see_no_form(client, title):
    html = page_html(client, title)
    assert "Login</a>" in html and "Register</a>" in html and "to post comments" in html
    assert 'name="body"' not in html


def test_signed_in_readers_get_the_form_and_reply_links_in_place(
    client, user, title, comment_factory
):
    comment = comment_factory(target=title)
    client.force_login(user)
    html = page_html(client, title)

    assert "Login or Register" not in html
    assert 'name="body"' in html
    assert f'data-hx-get="/comments/{comment.pk}/reply/"' in html
    assert f'href="/comments/{comment.pk}/reply/"' in html


def test_a_reply_is_nested_inside_its_parent(client, title, comment_factory):
    question = comment_factory(target=title, body="Should I watch it?")
    answer = comment_factory(parent=question, body="Yes, you should.")

    html = page_html(client, title)

    start = html.index(f'id="comment-{question.pk}"')
    replies = html.index(f'id="replies-{question.pk}"', start)
    assert replies < html.index(f'id="comment-{answer.pk}"') < html.index("</li>", replies)


def test_a_spoiler_is_folded_behind_reveal_spoiler(client, title, comment_factory):
    comment_factory(target=title, body="The ending is in the hospital.", is_spoiler=True)
    html = page_html(client, title)
    summary = html.index("<summary>Reveal Spoiler »</summary>")
    assert html.index('<details class="spoiler">') < summary < html.index("The ending is")


def test_markup_in_a_comment_is_shown_as_text(client, title, comment_factory):
    comment_factory(target=title, body='<script>alert("x")</script> <b>bold</b>\nnext line')
    html = page_html(client, title)
    assert "<script>alert" not in html and "<b>bold" not in html
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;<br>' in html


def test_a_long_comment_is_cut_with_read_more(client, title, comment_factory):
    comment_factory(target=title, body=" ".join(["word"] * 400))
    assert "read more" in page_html(client, title)


def test_a_deleted_comment_with_replies_shows_as_deleted(client, user, title, comment_factory):
    root = comment_factory(author=user, target=title, body="I will regret this.")
    comment_factory(parent=root, body="A reply that stays.")
    comment_delete(comment=root, user=user)

    html = page_html(client, title)

    assert "[deleted]" in html
    assert "I will regret this." not in html
    assert "A reply that stays." in html
    assert "Comments (1)" in html


def test_a_hidden_comment_shows_no_text_to_readers_but_moderators_can_restore_it(
    client, moderator, title, comment_factory
):
    root = comment_factory(target=title, body="Rude words.")
    comment_factory(parent=root, body="Calm answer.")
    comment_hide(comment=root, moderator=moderator)

    html = page_html(client, title)
    assert "Rude words." not in html
    assert "[hidden by a moderator]" in html

    client.force_login(moderator)
    html = page_html(client, title)
    assert "Rude words." in html
    assert f'action="/comments/{root.pk}/restore/"' in html


def test_the_author_of_a_hidden_comment_reads_why_and_nobody_else_does(
    client, user, other_user, moderator, title, comment_factory
):
    comment = comment_factory(target=title, author=user, body="Buy cheap watches here.")
    comment_hide(comment=comment, moderator=moderator, reason="Advertising is not allowed.")
    reason = "A moderator hid your comment: Advertising is not allowed."

    html = page_html(client, title)  # a visitor
    assert "[hidden by a moderator]" in html and reason not in html
    assert "Buy cheap watches" not in html
    client.force_login(other_user)
    assert reason not in page_html(client, title)
    client.force_login(user)
    html = page_html(client, title)
    assert reason in html and "Buy cheap watches" not in html


def test_authors_see_edit_and_delete_on_their_own_comments_only(
    client, user, other_user, title, comment_factory
):
    mine = comment_factory(author=user, target=title)
    theirs = comment_factory(author=other_user, target=title)
    client.force_login(user)
    html = page_html(client, title)
    assert f"/comments/{mine.pk}/edit/" in html and f"/comments/{mine.pk}/delete/" in html
    assert f"/comments/{theirs.pk}/edit/" not in html
    assert "/hide/" not in html


def test_comments_are_paginated_by_thread(client, title, comment_factory, settings):
    settings.COMMENT_THREADS_PER_PAGE = 2
    for day in range(3):
        comment_factory(
            target=title,
            body=f"Thread from day {day}.",
            created_at=timezone.now() - timedelta(days=day),
        )

    first = page_html(client, title)
    second = page_html(client, title, "?cpage=2")

    assert "Thread from day 0." in first and "Thread from day 2." not in first
    assert "?cpage=2#comments" in first
    assert "Thread from day 2." in second and "Thread from day 0." not in second
    assert "Comments (3)" in second


def test_a_busy_thread_links_to_its_own_page(client, title, comment_factory, settings):
    settings.COMMENT_REPLIES_PER_THREAD_ON_PAGE = 2
    root = comment_factory(target=title)
    for number in range(4):
        comment_factory(parent=root, body=f"Reply {number}.")

    html = page_html(client, title)

    assert "Reply 1." in html and "Reply 2." not in html
    assert f'<a href="/comments/{root.pk}/">View whole thread (4 replies)</a>' in html
