"""/schedule/: a week of episodes by weekday, for everybody or a member's own titles."""

from datetime import time, timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from core.templatetags.dramadb import broadcast_time
from titles.models import Episode, Network
from titles.services import create_episodes

pytestmark = pytest.mark.django_db


def this_monday():
    today = timezone.localdate()
    return today - timedelta(days=today.weekday())


@pytest.fixture
def airing(title_factory):
    """A Japanese title with one episode each day of this week, at 22:00 Tokyo time."""
    network = Network.objects.create(name="Harbour TV", country="JP")
    title = title_factory(
        title="Ferry Lights", episodes=7, aired_from=this_monday(), aired_to=None,
        aired_weekdays=list(range(7)), network=network, air_time=time(22, 0), country="JP",
    )  # fmt: skip
    create_episodes(title)
    return title


def test_each_day_lists_its_episodes_at_their_broadcast_time(client, airing):
    html = client.get("/schedule/").content.decode()
    thursday = html[html.index(">Thursday <") :]
    thursday = thursday[: thursday.index("</section>")]
    assert "Ferry Lights" in thursday and "Episode 4 of 7 · Harbour TV" in thursday
    at = Episode.objects.get(number=4).airs_at
    assert f'<time datetime="{at.isoformat()}" data-local-time>22:00 JST</time>' in thursday
    assert html.count('class="schedule-item"') == 7


def test_another_week_and_a_country_filter(client, airing, title_factory):
    korean = title_factory(title="Seoul Kitchen", country="KR", network=None, episodes=2,
                           aired_from=this_monday(), aired_to=None)  # fmt: skip
    create_episodes(korean)
    html = client.get("/schedule/", {"country": "KR"}).content.decode()
    assert "Seoul Kitchen" in html and "Ferry Lights" not in html
    next_week = (this_monday() + timedelta(weeks=1)).isoformat()
    html = client.get("/schedule/", {"week": next_week}).content.decode()
    assert html.count('class="schedule-item"') == 1  # Seoul Kitchen's second episode
    assert "Nothing airs this day." in html
    assert 'href="/schedule/?week=' in html


def test_my_titles_only_is_for_members(client, user, airing, title_factory, rate):
    other = title_factory(title="Not Mine", episodes=3, aired_from=this_monday(), aired_to=None)
    create_episodes(other)
    response = client.get("/schedule/", {"mine": "on"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    rate(user, airing, None, status="watching")
    client.force_login(user)
    html = client.get("/schedule/", {"mine": "on"}).content.decode()
    assert "Your airing schedule" in html
    assert "Ferry Lights" in html and "Not Mine" not in html
    assert "Not Mine" in client.get("/schedule/").content.decode()


def test_a_week_that_is_not_a_date_is_left_out_with_a_message(client):
    response = client.get("/schedule/", {"week": "next tuesday", "country": "JP"}, follow=True)
    assert response.redirect_chain == [("/schedule/?country=JP", 302)]
    assert "Some filters were not understood and are left out: Week of." in (
        response.content.decode()
    )


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01"])
def test_a_week_at_the_ends_of_the_calendar_is_left_out_with_a_message(client, week):
    response = client.get("/schedule/", {"week": week}, follow=True)
    assert response.redirect_chain == [("/schedule/", 302)]
    assert "left out: Week of." in response.content.decode()


@override_settings(SCHEDULE_PER_DAY=2)
def test_a_busy_day_shows_a_few_and_says_there_are_more(client, title_factory):
    for _ in range(3):
        create_episodes(title_factory(episodes=1, aired_from=this_monday(), aired_to=None))
    html = client.get("/schedule/").content.decode()
    assert html.count('class="schedule-item"') == 2
    assert "More episodes air this day than are shown here" in html


@pytest.mark.parametrize("titles", [2, 30])
def test_the_schedule_costs_the_same_whatever_airs(
    client, django_assert_num_queries, user, title_factory, rate, titles
):
    for n in range(titles):
        title = title_factory(episodes=7, aired_from=this_monday(), aired_to=None,
                              aired_weekdays=list(range(7)), air_time=time(20, n % 60))  # fmt: skip
        create_episodes(title)
        rate(user, title, None, status="watching")
    # Expect 2 queries: the ids of each day's first episodes (one index read a day, in one
    # union), then those episodes with their titles and networks.
    with django_assert_num_queries(2):
        client.get("/schedule/")
    client.force_login(user)
    # Expect 5 for a member's own: the member, the same two limited to their titles, and the
    # member's permissions and their groups' (read once, then cached) for the header.
    # (+1: the header's bell, the member's unread count, read once and then cached)
    with django_assert_num_queries(6):
        response = client.get("/schedule/", {"mine": "on"})
    assert response.content.decode().count('class="schedule-item"') == min(titles, 40) * 7


def test_broadcast_times_name_their_zone():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    day = datetime(2026, 12, 10, 21, 0)
    assert broadcast_time(day.replace(tzinfo=ZoneInfo("Asia/Tokyo"))) == "21:00 JST"
    assert broadcast_time(day.replace(tzinfo=ZoneInfo("Asia/Bangkok"))) == "21:00 UTC+07"
    assert broadcast_time(day.replace(tzinfo=ZoneInfo("Asia/Kolkata"))) == "21:00 IST"
    assert broadcast_time(day.replace(tzinfo=ZoneInfo("America/St_Johns"))) == "21:00 NST"
    assert broadcast_time(day.replace(tzinfo=ZoneInfo("Asia/Kathmandu"))) == "21:00 UTC+05:45"
