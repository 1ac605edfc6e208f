from decimal import Decimal

import pytest

from reviews.models import ListEntry, TitleStats
from reviews.services import list_entry_remove, list_entry_set_score
from reviews.stats import stats_recompute

pytestmark = pytest.mark.django_db


def stats_of(title) -> TitleStats:
    return TitleStats.objects.get(title=title)


def test_rating_a_title_adds_it_to_the_list_and_counts_the_score(title_factory, user, rate):
    title = title_factory()
    rate(user, title, "9.5")

    stats = stats_of(title)
    assert (stats.ratings_count, stats.ratings_sum, stats.watchers) == (1, Decimal("9.5"), 1)
    assert stats.histogram == [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
    assert stats.mean == Decimal("9.5")


def test_changing_a_score_moves_it_between_buckets(title_factory, user, rate):
    title = title_factory()
    rate(user, title, "9.5")
    rate(user, title, "10.0")

    stats = stats_of(title)
    assert (stats.ratings_count, stats.ratings_sum, stats.watchers) == (1, Decimal("10.0"), 1)
    assert stats.histogram == [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]


def test_clearing_a_score_keeps_the_user_as_a_watcher(title_factory, user, rate):
    title = title_factory()
    rate(user, title, "7.0")
    list_entry_set_score(user=user, title=title, score=None)

    stats = stats_of(title)
    assert (stats.ratings_count, stats.watchers, stats.mean) == (0, 1, None)


def test_removing_an_entry_takes_back_its_score_and_watcher(title_factory, user_factory, rate):
    title = title_factory()
    alice, bob = user_factory(), user_factory()
    rate(alice, title, "8.0")
    rate(bob, title, "6.0")
    list_entry_remove(user=alice, title=title)

    stats = stats_of(title)
    assert (stats.ratings_count, stats.ratings_sum, stats.watchers) == (1, Decimal("6.0"), 1)
    assert not ListEntry.objects.filter(user=alice).exists()


def test_the_mean_rounds_half_up_to_one_decimal(title_factory, user_factory, rate):
    title = title_factory()
    for score in ["9.0", "9.0", "9.0", "8.5"]:  # 8.875
        rate(user_factory(), title, score)
    assert stats_of(title).mean == Decimal("8.9")


def test_the_services_leave_nothing_for_recompute_to_correct(title_factory, user_factory, rate):
    titles = title_factory.create_batch(3)
    users = user_factory.create_batch(4)
    for i, user in enumerate(users):
        for j, title in enumerate(titles):
            rate(user, title, str(1 + (i * 3 + j) % 10) + ".0")
    list_entry_remove(user=users[0], title=titles[0])
    list_entry_set_score(user=users[1], title=titles[1], score=None)

    assert stats_recompute(check=True) == []


def test_set_score_adds_a_completed_entry_with_every_episode_seen(title_factory, user):
    title = title_factory(episodes=11)
    entry = list_entry_set_score(user=user, title=title, score=Decimal("9.0"))
    assert (entry.status, entry.episodes_seen) == ("completed", 11)
