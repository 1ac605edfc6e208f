"""The title page, a thread page and a new reply cost the same number of queries with a
handful of comments and with thousands in deep threads."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType

from comments.models import Comment
from comments.selectors import comment_section
from comments.services import comment_post
from tests.comments.factories import build_forest

pytestmark = pytest.mark.django_db

# (threads, replies per thread): 10 comments, then 5,000 in threads hundreds of levels deep.
SIZES = {"small": (2, 4), "large": (10, 499)}


@pytest.fixture(params=SIZES.keys())
def forest(request, title, user_factory):
    threads, replies = SIZES[request.param]
    authors = [user_factory() for _ in range(5)]
    roots = build_forest(title, threads=threads, replies_per_thread=replies, authors=authors)
    assert Comment.objects.count() == {"small": 10, "large": 5_000}[request.param]
    # The content type is cached per process after its first use, as it is in production.
    ContentType.objects.get_for_model(title)
    return roots


def test_the_comments_part_of_a_page_runs_a_fixed_number_of_queries(
    title, forest, django_assert_num_queries
):
    # Expect 3 queries (the whole title page's list is in tests/front/test_title_page_queries.py):
    # 1. the target's stored comment count
    # 2. the page of threads: each root's id and the digest of what its thread shows
    # 3. the roots and first replies of the threads shown, with their authors (one LATERAL join)
    with django_assert_num_queries(3):
        section = comment_section(target=title, viewer=AnonymousUser())
        authors = [
            reply.author_name
            for thread in section.page.threads
            for reply in thread.root.shown_replies
        ]
    assert section.count == Comment.objects.count()
    assert len(section.page.threads) == len(forest)
    assert authors


def test_a_thread_page_runs_a_fixed_number_of_queries(
    client, title, forest, django_assert_num_queries
):
    root = forest[-1]
    # Expect 3 queries:
    # 1. the thread's first comment with its author
    # 2. one page of its replies in reading order, with their authors
    # 3. the title the thread is about
    with django_assert_num_queries(3):
        response = client.get(root.get_absolute_url())
    assert response.status_code == 200
    assert f"{root.reply_count} replies" in response.content.decode()


def test_a_new_reply_runs_a_fixed_number_of_queries(
    title, forest, user_factory, django_assert_num_queries
):
    author = user_factory()
    deepest = Comment.objects.filter(root=forest[-1]).order_by("-depth").first()
    # Expect 14 queries (the rate limit is counted in the cache, by the view):
    # 1. open a savepoint (the service's transaction, nested in the test's)
    # 2. lock the parent, with its author and its thread's first comment
    # 3. whether the parent's author blocks the writer
    # 4. take the new comment's id from the sequence
    # 5. insert the reply
    # 6. add one to its thread's reply count
    # 7. add one to the title's comment count
    # 8-12. tell the parent's author and the thread's starter (social.services.notify_each):
    #    blocks, their inboxes made and locked, the notifications, the unread counts
    # 13. the writer's followers' feeds (the activity log)
    # 14. release the savepoint
    with django_assert_num_queries(14):
        reply = comment_post(author=author, target=title, body="Deep down.", parent_id=deepest.pk)
    assert reply.depth == deepest.depth + 1


def test_posting_a_reply_through_the_page_runs_a_fixed_number_of_queries(
    client, title, forest, user_factory, django_assert_num_queries
):
    author = user_factory()
    client.force_login(author)
    deepest = Comment.objects.filter(root=forest[-1]).order_by("-depth").first()
    url = f"/comments/post/{deepest.content_type_id}/{title.pk}/"
    # Expect 19 queries (the rate limit is counted in the cache):
    # 1. the signed-in user (the session comes from the cache)
    # 2. the title being commented on
    # 3-16. the reply as above
    # 17-19. where the reply lives: its thread's first comment, the thread's position on the
    #    title page, the reply's position in its thread
    with django_assert_num_queries(19):
        response = client.post(url, {"body": "Deep down.", "parent": deepest.pk})
    assert response.status_code == 302


def test_posting_a_new_thread_through_the_page_finds_its_place_without_a_query(
    client, title, forest, user_factory, django_assert_num_queries
):
    client.force_login(user_factory())
    url = f"/comments/post/{forest[0].content_type_id}/{title.pk}/"
    # Expect 8 queries (the rate limit is counted in the cache):
    # 1. the signed-in user (the session comes from the cache)
    # 2. the title being commented on
    # 3. open a savepoint (the service's transaction, nested in the test's)
    # 4. take the new comment's id from the sequence
    # 5. insert the comment
    # 6. add one to the title's comment count
    # 7. the writer's followers' feeds (the activity log)
    # 8. release the savepoint
    # None for where it lives: a new thread is the newest, first on the title's first page.
    with django_assert_num_queries(8):
        response = client.post(url, {"body": "A new thread."})
    comment = Comment.objects.latest("pk")
    assert response["Location"] == f"{title.get_absolute_url()}#comment-{comment.pk}"
    page = client.get(response["Location"]).content.decode()
    assert page.count(f'id="comment-{comment.pk}"') == 1
