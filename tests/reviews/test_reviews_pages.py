import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from reviews.models import Review

pytestmark = pytest.mark.django_db


def make_reviews(title, user_factory, count):
    users = user_factory.create_batch(count)
    Review.objects.bulk_create(
        [
            Review(user=u, title=title, body="b" * 120, overall=f"{1 + i % 10}.0", story="5.0",
                   acting="5.0", music="5.0", rewatch="5.0", helpful_lower_bound=i / 1000)
            for i, u in enumerate(users)
        ]
    )  # fmt: skip
    call_command("recompute_stats", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("sort", "first"), [("highest", "10.0"), ("lowest", "1.0"), ("helpful", "10.0")]
)
def test_the_reviews_page_sorts(client, title_factory, user_factory, sort, first):
    title = title_factory()
    make_reviews(title, user_factory, 10)
    html = client.get(f"/titles/{title.pk}-{title.slug}/reviews/?sort={sort}").content.decode()
    first_review = html.split('class="review card')[1]
    first_overall = first_review.split("<dt>Overall</dt><dd>")[1].split("<")[0]
    assert first_overall == first


@override_settings(REVIEWS_PER_PAGE=5)
def test_the_reviews_page_paginates_with_the_stored_count(client, title_factory, user_factory):
    title = title_factory()
    make_reviews(title, user_factory, 12)
    html = client.get(f"/titles/{title.pk}-{title.slug}/reviews/?page=3").content.decode()
    assert "Page 3 of 3" in html
    assert html.count('class="review card') == 2


@override_settings(REVIEWS_PER_PAGE=5)
@pytest.mark.parametrize("size", [3, 60])
def test_reviews_pages_query_counts_do_not_grow(
    client, django_assert_num_queries, title_factory, user_factory, user, size
):
    title = title_factory()
    make_reviews(title, user_factory, size)
    client.force_login(user)
    # Expect 8 queries: the user (the session comes from the cache), the user's permissions
    # and their groups' (read once, then cached), the title, its statistics (for the count),
    # one page of reviews with authors, the user's votes on them and their open reports (a
    # reported review's link reads "Reported"; read once, then kept under their version).
    # (+1: the header's bell, the member's unread count, read once and then cached)
    with django_assert_num_queries(9):
        client.get(f"/titles/{title.pk}-{title.slug}/reviews/?sort=newest")
    author = Review.objects.first().user
    # Expect 3 queries (the user and their open reports are kept now): the author, one page of
    # reviews (one row more, to know whether another page follows; a member's reviews are
    # never counted), the votes.
    with django_assert_num_queries(3):
        client.get(f"/users/{author.username}/reviews/")


def test_other_reviews_by_this_user_lists_their_reviews(client, user, title_factory, submit_review):
    submit_review(user, title_factory(title="First show"))
    submit_review(user, title_factory(title="Second show"))
    html = client.get(f"/users/{user.username}/reviews/").content.decode()
    assert "First show" in html and "Second show" in html


def test_a_spoiler_review_is_folded(client, user, title_factory, submit_review):
    title = title_factory()
    submit_review(user, title, is_spoiler=True)
    html = client.get(title.get_absolute_url()).content.decode()
    assert '<details class="spoiler">' in html
    assert "Reveal Spoiler »" in html
