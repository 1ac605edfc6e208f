from datetime import date

import pytest
from django.test import override_settings

from reviews.member_stats import member_stats_recompute
from reviews.models import ListEntry
from tests.reviews.factories import ReviewFactory
from titles.models import Title

pytestmark = pytest.mark.django_db


def test_the_list_is_grouped_by_status(client, user, title_factory, rate):
    rate(user, title_factory(title="Finished one"), "9.0", status="completed")
    rate(user, title_factory(title="Ongoing one"), None, status="watching")
    html = client.get(f"/users/{user.username}/list/").content.decode()
    assert html.index(">Watching</h2>") < html.index("Ongoing one")
    assert html.index(">Completed</h2>") < html.index("Finished one")


def test_a_status_filter_shows_only_that_status(client, user, title_factory, rate):
    rate(user, title_factory(title="Finished one"), "9.0", status="completed")
    rate(user, title_factory(title="Ongoing one"), None, status="watching")
    html = client.get(f"/users/{user.username}/list/?status=watching").content.decode()
    assert "Ongoing one" in html and "Finished one" not in html


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("", ["Cherry", "Banana", "Apple"]),  # the latest changed first
        ("score", ["Banana", "Apple", "Cherry"]),  # the highest first, unscored last
        ("title", ["Apple", "Banana", "Cherry"]),
        ("nonsense", ["Cherry", "Banana", "Apple"]),
        ("progress", ["Banana", "Cherry", "Apple"]),  # the furthest along first
        ("started", ["Apple", "Banana", "Cherry"]),  # the latest started first, unknown last
        ("finished", ["Cherry", "Apple", "Banana"]),
    ],
)
def test_each_status_can_be_ordered_by_score_or_title(
    client, user, title_factory, rate, sort, order
):
    rate(user, title_factory(title="Apple"), "7.0")
    rate(user, title_factory(title="Banana"), "9.5")
    rate(user, title_factory(title="Cherry"), None)
    for name, seen, started, finished in [
        ("Apple", 2, date(2026, 3, 1), date(2026, 3, 2)),
        ("Banana", 10, date(2026, 2, 1), None),
        ("Cherry", 5, None, date(2026, 4, 1)),
    ]:
        ListEntry.objects.filter(title__title=name).update(
            episodes_seen=seen, started_on=started, finished_on=finished
        )
    html = client.get(f"/users/{user.username}/list/", {"sort": sort}).content.decode()
    assert [html.index(f">{name}</a>") for name in order] == sorted(
        html.index(f">{name}</a>") for name in order
    )


def test_a_list_shows_posters_scores_and_progress(client, user, title_factory, rate):
    rate(user, title_factory(title="Halfway", episodes=12), "8.0", status="watching")
    ListEntry.objects.filter(user=user).update(episodes_seen=6)
    html = client.get(f"/users/{user.username}/list/").content.decode()
    assert "pic-poster-mini" in html
    assert '<span class="score-chip">8.0</span>' in html
    assert '<progress class="list-progress" max="12" value="6"' in html


def test_only_the_owner_sees_edit_and_remove(client, user, user_factory, title_factory, rate):
    rate(user, title_factory(), "9.0")
    assert ">Remove<span" not in client.get(f"/users/{user.username}/list/").content.decode()
    client.force_login(user)
    assert ">Remove<span" in client.get(f"/users/{user.username}/list/").content.decode()
    client.force_login(user_factory(username="bob"))
    assert ">Remove<span" not in client.get(f"/users/{user.username}/list/").content.decode()


def test_the_profile_shows_the_list_by_status_with_totals(client, user, title_factory, rate):
    for i in range(12):
        rate(user, title_factory(title=f"Seen {i}"), "8.0")
    rate(user, title_factory(title="Next one"), None, status="plan_to_watch")
    html = client.get(f"/users/{user.username}/").content.decode()
    assert "13 titles on the list" in html
    assert "<strong>12</strong> Completed</a>" in html
    assert "<strong>1</strong> Plan to Watch</a>" in html
    # A shelf of the latest six of each status, each with the member's score.
    assert html.count('<span class="visually-hidden">Scored </span>8.0') == 6
    assert f'href="/users/{user.username}/list/?status=completed">View all' in html
    assert f'href="/users/{user.username}/list/?status=plan_to_watch">View all' not in html


def test_the_profile_shows_the_newest_reviews(client, user, title_factory):
    for i in range(4):
        ReviewFactory(user=user, title=title_factory(title=f"Reviewed {i}"), headline=f"Take {i}")
    html = client.get(f"/users/{user.username}/").content.decode()
    assert [f"Take {i}" in html for i in range(4)] == [False, True, True, True]
    assert f'href="/users/{user.username}/reviews/">View all' in html


@override_settings(LIST_ENTRIES_PER_PAGE=5)
# A list of 20 and one of 2,000 (the long one takes seconds to build: not in the fast loop).
@pytest.mark.parametrize("size", [20, pytest.param(2000, marks=pytest.mark.slow)])
def test_list_and_profile_query_counts_do_not_grow_with_the_list(
    client, django_assert_num_queries, user, title_factory, size
):
    network = title_factory().network
    titles = Title.objects.bulk_create(
        [Title(title=f"Listed {n}", slug=f"listed-{n}", year=2020, network=network)
         for n in range(size)]
    )  # fmt: skip
    ListEntry.objects.bulk_create([ListEntry(user=user, title=t, score="7.0") for t in titles])
    member_stats_recompute()
    # Expect 3 queries: the member, the ids of one page of entries (and one more, to know
    # whether another page follows; the list is never counted), those entries with titles.
    with django_assert_num_queries(3):
        client.get(f"/users/{user.username}/list/")
    with django_assert_num_queries(3):
        client.get(f"/users/{user.username}/list/?sort=title")
    # Expect 8 queries: the member, the stored statistics (with the totals per status), the
    # ids of the latest entries of each status, those entries with titles, the newest reviews,
    # the favorite titles, the favorite people and the member's own lists. (The names of the
    # leading genres are one more when there are any.)
    # (+1: the header's bell, the member's unread count, read once and then cached)
    with django_assert_num_queries(9):
        client.get(f"/users/{user.username}/")


@override_settings(LIST_ENTRIES_PER_PAGE=2)
def test_pages_follow_the_status_order_people_read(client, user, title_factory, rate):
    rate(user, title_factory(title="Dropped one"), None, status="dropped")
    rate(user, title_factory(title="Completed one"), "8.0", status="completed")
    rate(user, title_factory(title="Watching one"), None, status="watching")
    first = client.get(f"/users/{user.username}/list/").content.decode()
    assert "Watching one" in first and "Completed one" in first and "Dropped one" not in first
    second = client.get(f"/users/{user.username}/list/", {"page": 2}).content.decode()
    assert "Dropped one" in second and 'rel="prev"' in second and 'rel="next"' not in second
