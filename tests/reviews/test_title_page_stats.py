import io

import pytest
from django.core.management import call_command

from reviews import selectors
from reviews.models import ListEntry, Review, ReviewVote
from reviews.stats import rankings_refresh

pytestmark = pytest.mark.django_db

SCORES = {"overall": "8.0", "story": "8.0", "acting": "8.0", "music": "8.0", "rewatch": "8.0"}


def test_the_header_and_sidebar_show_the_stored_statistics(
    client, title_factory, user_factory, rate, settings
):
    settings.TOP_MIN_RATINGS = 3
    title = title_factory()
    for score in ["9.0", "9.5", "8.5"]:
        rate(user_factory(), title, score)
    rate(user_factory(), title, None, status="plan_to_watch")
    rankings_refresh()

    html = client.get(title.get_absolute_url()).content.decode()

    assert "Ratings: <strong>9.0</strong>/10 from 3 users" in html
    assert "(scored by 3 users)" in html
    assert "<dt>Ranked</dt><dd>#1</dd>" in html
    assert "<dt>Popularity</dt><dd>#1</dd>" in html
    assert "<dt>Watchers</dt><dd>4</dd>" in html
    assert "How users scored it" in html


def test_recently_watched_by_lists_the_latest_watchers_only(
    client, title_factory, user_factory, rate
):
    title = title_factory()
    rate(user_factory(username="early"), title, "8.0", status="completed")
    rate(user_factory(username="planner"), title, None, status="plan_to_watch")
    rate(user_factory(username="late"), title, "9.0", status="watching")

    html = client.get(title.get_absolute_url()).content.decode()
    section = html[html.index("Recently Watched By") :]
    assert section.index("late") < section.index("early")
    assert "planner" not in section
    assert 'href="/users/late/"' in section


def test_a_signed_in_user_sees_their_own_rating_selected(client, user, title_factory, rate):
    title = title_factory()
    rate(user, title, "7.5", status="on_hold")
    client.force_login(user)
    html = client.get(title.get_absolute_url()).content.decode()
    assert 'value="7.5" id="your-score_13" checked' in html
    assert '<option value="on_hold" selected>On Hold</option>' in html
    assert "On your list: On Hold, your rating 7.5." in html


def test_guests_see_a_sign_in_link_instead_of_the_rating_form(client, title_factory):
    title = title_factory()
    html = client.get(title.get_absolute_url()).content.decode()
    assert f"/accounts/login/?next=/titles/{title.pk}-" in html
    assert 'id="your-score"' not in html


def add_entries_reviews_and_votes(title, users, reader):
    ListEntry.objects.bulk_create([ListEntry(user=u, title=title, score="8.0") for u in users])
    reviews = Review.objects.bulk_create(
        [Review(user=u, title=title, body="x" * 120, **SCORES) for u in users]
    )
    ReviewVote.objects.bulk_create(
        [ReviewVote(review=r, user=reader, helpful=True) for r in reviews]
        + [ReviewVote(review=r, user=u, helpful=False) for r in reviews[:2] for u in users[-3:]]
    )
    call_command("recompute_stats", stdout=io.StringIO())


@pytest.mark.parametrize("size", [3, 300])
def test_the_reviews_part_of_the_title_page_takes_four_queries_at_any_size(
    django_assert_num_queries, title_factory, user_factory, size
):
    title = title_factory()
    reader = user_factory(username="reader")
    add_entries_reviews_and_votes(title, user_factory.create_batch(size), reader)

    # Expect 4 queries (the whole page's list is in tests/front/test_title_page_queries.py).
    # The page everybody shares:
    # 1. the title's statistics
    # 2. the most helpful reviews with their authors
    # 3. "Recently Watched By" with each member
    # The reader's own parts (reviews/parts.py):
    # 4. the reader's own list entry with their review's id ("Your Rating", "Write a Review")
    #    and their votes on the reviews shown
    with django_assert_num_queries(4):
        stats = selectors.stats_for(title)
        top = selectors.top_reviews(title, 2)
        watchers = selectors.recently_watched_by(title, 8)
        authors = [review.user.username for review in top] + [e.user.username for e in watchers]
        state = selectors.member_state(
            reader, title_ids=[title.pk], review_ids=[review.pk for review in top]
        )
    assert state.entries == {}
    assert stats.ratings_count == size and stats.review_count == size
    assert state.votes == {review.pk: True for review in top}
    assert len(authors) == 2 + min(size, 8)
