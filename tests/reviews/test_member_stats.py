"""Each member's stored statistics: kept by the list's services in the write's transaction,
audited by recompute_stats, shown on the profile."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from reviews.member_stats import member_stats_recompute
from reviews.models import MemberStats
from reviews.services import list_entry_progress, list_entry_remove, list_entry_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def titles(title_factory, genre_factory):
    drama, romance = genre_factory(name="Drama"), genre_factory(name="Romance")
    series = title_factory(title="Series", country="JP", year=2005, episodes=10,
                           duration_minutes=45)  # fmt: skip
    series.genres.add(drama, romance)
    film = title_factory(title="Film", country="KR", year=2019, episodes=None,
                         duration_minutes=120, kind="movie")  # fmt: skip
    film.genres.add(romance)
    return series, film


def stats_of(user) -> MemberStats:
    return MemberStats.objects.get(user=user)


def test_every_list_write_keeps_the_statistics_true(user, titles):
    series, film = titles
    list_entry_save(user=user, title=film, status="completed", score=Decimal("8.5"))
    for _ in range(3):
        list_entry_progress(user=user, title=series, today=date(2026, 12, 6))
    stats = stats_of(user)
    assert (stats.titles, stats.episodes, stats.minutes) == (2, 3, 3 * 45 + 120)
    assert (stats.ratings_count, stats.mean) == (1, Decimal("8.50"))
    assert stats.histogram[7] == 1
    assert stats.by_status == {"completed": 1, "watching": 1}
    assert stats.by_country == {"JP": 1, "KR": 1}
    assert stats.by_year == {"2005": 1, "2019": 1}
    assert sorted(stats.by_genre.values()) == [1, 2]  # Drama once, Romance twice
    assert member_stats_recompute(check=True) == []

    # A private entry counts for nobody; taking a title off takes its share out.
    list_entry_save(user=user, title=film, status="completed", score=Decimal("8.5"),
                    is_private=True)  # fmt: skip
    assert (stats_of(user).titles, stats_of(user).ratings_count) == (1, 0)
    list_entry_remove(user=user, title=series)
    assert stats_of(user).titles == 0 and stats_of(user).by_genre == {}
    assert member_stats_recompute(check=True) == []


def test_the_audit_finds_and_corrects_a_wrong_row(user, titles):
    list_entry_save(user=user, title=titles[0], status="watching", score=None, episodes_seen=4)
    MemberStats.objects.filter(user=user).update(episodes=99, by_country={})
    with pytest.raises(CommandError, match="1 member"):
        call_command("recompute_stats", "--check", stdout=io.StringIO())
    call_command("recompute_stats", stdout=io.StringIO())
    assert (stats_of(user).episodes, stats_of(user).by_country) == (4, {"JP": 1})


def test_the_profile_shows_the_statistics(client, user, titles):
    series, film = titles
    list_entry_save(user=user, title=film, status="completed", score=Decimal("9.0"))
    list_entry_save(user=user, title=series, status="completed", score=Decimal("7.0"),
                    episodes_seen=10)  # fmt: skip
    html = client.get(f"/users/{user.username}/").content.decode()
    stats = html[html.index('id="member-stats-heading"') :]
    assert "<dt>Days watched</dt><dd>0.4</dd>" in stats  # 450 + 120 minutes
    assert "<strong>8.00</strong>" in stats
    assert "Japan 1, South Korea 1" in stats
    assert "Romance 2, Drama 1" in stats
    assert "How they scored" in stats


def test_a_new_member_has_nothing_to_count(client, user):
    html = client.get(f"/users/{user.username}/").content.decode()
    assert "Nothing to count yet." in html
