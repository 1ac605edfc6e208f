"""Episodes: made from a title's dates by the admin's action, kept in the admin, shown in the
title page's guide and on the episodes page."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from core.templatetags.dramadb import countdown
from demo.episodes import load_episodes
from demo.titles import load_seed_title
from titles.models import Episode, Network, Title
from titles.services import air_dates, create_episodes

from .test_admin import title_form

pytestmark = pytest.mark.django_db

TUESDAY = Title.Weekday.TUESDAY


def test_air_dates_start_on_the_first_date_then_follow_the_weekdays():
    # The reference title: first shown on a Saturday, then on Tuesdays to Dec 20.
    dates = list(air_dates(date(2005, 10, 15), [TUESDAY], 11))
    assert dates[:3] == [date(2005, 10, 15), date(2005, 10, 18), date(2005, 10, 25)]
    assert dates[-1] == date(2005, 12, 20)
    # Two days a week, and weekly from the first date without weekdays.
    weekend = list(air_dates(date(2026, 12, 5), [5, 6], 4))
    assert weekend == [date(2026, 12, 5), date(2026, 12, 6), date(2026, 12, 12), date(2026, 12, 13)]
    assert list(air_dates(date(2026, 1, 1), [], 2)) == [date(2026, 1, 1), date(2026, 1, 8)]


def test_create_episodes_adds_only_the_missing_ones(title_factory, editor):
    title = title_factory(
        episodes=4, aired_from=date(2026, 1, 6), aired_to=None, aired_weekdays=[TUESDAY]
    )
    Episode.objects.create(title=title, number=2, name="Kept", air_date=date(2026, 2, 1))

    assert create_episodes(title, by=editor, reason="New series") == 3
    assert create_episodes(title) == 0
    episodes = list(Episode.objects.filter(title=title).order_by("number"))
    assert [(e.number, e.name, e.air_date) for e in episodes] == [
        (1, "", date(2026, 1, 6)),
        (2, "Kept", date(2026, 2, 1)),
        (3, "", date(2026, 1, 20)),
        (4, "", date(2026, 1, 27)),
    ]
    assert episodes[0].runtime_minutes == title.duration_minutes
    record = Episode.history.get(number=1)
    assert (record.history_user, record.history_change_reason) == (editor, "New series")


def test_a_title_without_a_count_or_dates(title_factory):
    assert create_episodes(title_factory(episodes=None)) == 0
    undated = title_factory(episodes=2, aired_from=None, aired_to=None)
    assert create_episodes(undated) == 2
    assert not Episode.objects.filter(title=undated, air_date__isnull=False).exists()


def test_the_database_refuses_a_repeated_or_non_positive_number(title_factory):
    title = title_factory()
    Episode.objects.create(title=title, number=1)
    for number in (1, 0):
        with pytest.raises(IntegrityError), transaction.atomic():
            Episode.objects.create(title=title, number=number)
    with pytest.raises(IntegrityError), transaction.atomic():
        Episode.objects.create(title=title, number=2, runtime_minutes=0)


def test_the_admin_action_creates_episodes_and_says_how_many(editor_client, title_factory):
    counted = title_factory(episodes=3)
    uncounted = title_factory(title="No count yet", episodes=None)
    response = editor_client.post(
        "/admin/titles/title/",
        {"action": "add_episodes", "_selected_action": [counted.pk, uncounted.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "Added 3 episodes." in html
    assert "Give these titles a number of episodes first: No count yet." in html
    assert Episode.objects.filter(title=counted).count() == 3


def test_an_episode_number_past_the_count_is_refused_and_the_form_kept(editor_client, media):
    editor_client.post("/admin/titles/title/add/", title_form())
    title = Title.objects.get()
    data = title_form(
        **{
            "alternative_titles-TOTAL_FORMS": "0",
            "episode_list-TOTAL_FORMS": "1",
            "episode_list-0-number": "12",
            "episode_list-0-name": "One too many",
            "episode_list-0-air_date": "2005-12-27",
        }
    )
    response = editor_client.post(f"/admin/titles/title/{title.pk}/change/", data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "1 Litre of Tears has 11 episodes: number 1 to 11." in html
    assert 'value="One too many"' in html
    assert not Episode.objects.exists()


@pytest.fixture
def media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def test_the_title_page_guide_of_a_finished_title_shows_the_latest_aired(client):
    title = load_seed_title()
    create_episodes(title)
    Episode.objects.filter(title=title, number=11).update(name="The last page")
    html = client.get(title.get_absolute_url()).content.decode()

    assert '<li><a href="#episodes">Episodes</a></li>' in html
    guide = html[html.index('id="episodes"') : html.index('id="cast"')]
    assert "Next:" not in guide
    assert guide.index("The last page") < guide.index("Episode 10") < guide.index("Episode 9")
    assert "Episode 8" not in guide
    assert f'href="/titles/{title.pk}-{title.slug}/episodes/"' in guide


def test_the_guide_of_an_airing_title_counts_down_to_the_next_episode(client, title_factory):
    today = timezone.localdate()
    title = title_factory(episodes=8, aired_from=today - timedelta(days=14), aired_to=None)
    create_episodes(title)  # weekly: episodes 1 to 3 have aired, 4 airs in a week
    html = client.get(title.get_absolute_url()).content.decode()
    guide = html[html.index('id="episodes"') : html.index('id="cast"')]

    assert "Next: <strong>Episode 4</strong>" in guide
    assert '<span class="countdown">in 7 days</span>' in guide
    assert guide.index("Episode 3") < guide.index("Episode 2") < guide.index("Episode 1")


def test_a_title_without_episodes_has_no_guide(client, title_factory):
    html = client.get(title_factory().get_absolute_url()).content.decode()
    assert 'id="episodes"' not in html and 'href="#episodes"' not in html


def test_countdown_in_whole_days():
    today = timezone.localdate()
    assert [countdown(today + timedelta(days=n)) for n in (0, 1, 5)] == [
        "today",
        "tomorrow",
        "in 5 days",
    ]


@override_settings(EPISODES_PER_PAGE=5)
@pytest.mark.parametrize("count", [3, 40])
def test_the_episodes_page_costs_the_same_at_any_length(
    client, django_assert_num_queries, title_factory, count
):
    title = title_factory(episodes=count)
    create_episodes(title)
    Episode.objects.filter(title=title, number=2).update(synopsis="Line one\nLine <b>two</b>")
    # Expect 2 queries: the title with its network, one page of episodes (and one row more,
    # to know whether another page follows).
    with django_assert_num_queries(2):
        response = client.get(f"/titles/{title.pk}-{title.slug}/episodes/")
    html = response.content.decode()
    assert html.count('class="episode"') == min(count, 5)
    assert "Line one<br>Line &lt;b&gt;two&lt;/b&gt;" in html
    assert ('rel="next"' in html) == (count > 5)


def test_the_episodes_page_moves_to_the_title_s_current_address(client, title_factory):
    title = title_factory()
    response = client.get(f"/titles/{title.pk}-old-name/episodes/?page=2")
    assert response.status_code == 301
    assert response["Location"] == f"/titles/{title.pk}-{title.slug}/episodes/?page=2"


def test_the_demo_title_has_its_eleven_episodes_from_oct_15_to_dec_20(db):
    load_episodes()
    title = load_seed_title()
    dates = list(Episode.objects.filter(title=title).values_list("air_date", flat=True))
    assert len(dates) == 11 == title.episodes
    assert (dates[0], dates[-1]) == (title.aired_from, title.aired_to)
    assert Episode.objects.filter(title=title).exclude(name="").count() == 11


def test_a_network_time_zone_must_be_a_real_one(editor_client):
    data = {"name": "Harbour TV", "country": "JP", "time_zone": "Asia/Tokio"}
    response = editor_client.post("/admin/titles/network/add/", data)
    assert response.status_code == 200
    assert "&#x27;Asia/Tokio&#x27; is not a time zone name (like Asia/Tokyo or Asia/Seoul)." in (
        response.content.decode()
    )
    assert not Network.objects.exists()
    data["time_zone"] = ""
    assert editor_client.post("/admin/titles/network/add/", data).status_code == 302
    assert str(Network.objects.get().zone) == "Asia/Tokyo"  # the country's, when left empty
