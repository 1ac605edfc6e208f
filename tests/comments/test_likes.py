"""Likes on comments: one per member, taken back at will, never one's own; the stored count
stays true (and its audit says so), and a page of comments asks one query for the viewer's
likes however many comments it shows."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from comments.counts import like_counts_recompute
from comments.models import Comment, CommentLike
from comments.services import comment_hide, comment_like, comment_post
from core.versions import member_version, pages_changed

pytestmark = pytest.mark.django_db

# The title page from the shared cache, for a member (their session and row are cached): their
# entry and votes, their likes on the page's comments, and the header's parts.
QUERIES = 5


@pytest.fixture
def comment(title, user_factory):
    return comment_post(author=user_factory(username="author"), target=title,
                        body="The rain scene in episode three.")  # fmt: skip


def _count(comment) -> int:
    return Comment.objects.get(pk=comment.pk).like_count


def test_a_like_counts_once_and_can_be_taken_back(comment, user_factory):
    fan = user_factory()
    comment_like(user=fan, comment=comment, liked=True)
    comment_like(user=fan, comment=comment, liked=True)
    comment_like(user=user_factory(), comment=comment, liked=True)
    assert _count(comment) == 2 == CommentLike.objects.count()
    comment_like(user=fan, comment=comment, liked=False)
    comment_like(user=fan, comment=comment, liked=False)
    assert _count(comment) == 1
    assert like_counts_recompute(check=True) == []


def test_one_own_comment_or_a_hidden_one_cannot_be_liked(comment, user_factory, moderator):
    with pytest.raises(ValidationError, match="your own comment"):
        comment_like(user=comment.author, comment=comment, liked=True)
    comment_hide(comment=comment, moderator=moderator, reason="Spoilers without a warning")
    with pytest.raises(ValidationError, match="no longer shown"):
        comment_like(user=user_factory(), comment=comment, liked=True)
    assert _count(comment) == 0


def test_the_audit_finds_and_mends_a_count_that_drifted(comment, user_factory):
    comment_like(user=user_factory(), comment=comment, liked=True)
    Comment.objects.filter(pk=comment.pk).update(like_count=7)
    assert [(d.stored, d.actual) for d in like_counts_recompute(check=True)] == [(7, 1)]
    with pytest.raises(Exception, match="1 count"):
        call_command("recount_comment_likes", "--check")
    call_command("recount_comment_likes")
    assert _count(comment) == 1


def test_like_in_place_with_htmx_and_without(client, comment, user_factory):
    fan = user_factory()
    client.force_login(fan)
    url = f"/comments/{comment.pk}/like/"
    pressed = client.post(url, {"liked": "yes"}, headers={"HX-Request": "true"})
    assert pressed.status_code == 200
    html = pressed.content.decode()
    assert 'aria-pressed="true"' in html and "1 like" in html
    back = client.post(url, {"liked": "no"})
    assert back.status_code == 302 and _count(comment) == 0
    assert client.post(url, {"liked": "maybe"}).status_code == 302  # told why, nothing kept
    own = client.post(url, {"liked": "yes"}, headers={"HX-Request": "true"})
    assert own.status_code == 200 and _count(comment) == 1
    client.force_login(comment.author)
    refused = client.post(url, {"liked": "yes"}, headers={"HX-Request": "true"})
    assert refused.status_code == 422 and "your own comment" in refused.content.decode()
    client.logout()
    assert client.post(url, {"liked": "yes"}).status_code == 302  # to sign in
    assert _count(comment) == 1


@pytest.mark.parametrize("size", [2, 12])
def test_the_viewer_likes_cost_one_query_for_the_whole_page(
    client, title, user_factory, django_assert_num_queries, size
):
    fan, author = user_factory(), user_factory()
    for n in range(size):
        shown = comment_post(author=author, target=title, body=f"Thought number {n}.")
        if n % 2:
            comment_like(user=fan, comment=shown, liked=True)
    client.force_login(fan)
    url = title.get_absolute_url()
    client.get(url)
    pages_changed(member_version(fan.pk))  # their own parts are filled again, not read back
    # The page itself comes from the shared cache; the member's parts cost a fixed number of
    # queries, one of them their likes among every comment the page shows.
    with django_assert_num_queries(QUERIES) as queries:
        html = client.get(url).content.decode()
    assert sum("comments_commentlike" in q["sql"] for q in queries.captured_queries) == 1
    assert html.count('like-button" aria-pressed="true"') >= 1
