""" "+1": one more episode seen, from the title page, the list page and the home page."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from reviews.models import ListEntry
from reviews.services import list_entry_progress
from reviews.stats import stats_recompute

pytestmark = pytest.mark.django_db

DAY = date(2026, 12, 6)


def progress_url(title) -> str:
    return f"/titles/{title.pk}/progress/"


def test_the_first_plus_one_starts_watching_today(user, title_factory):
    title = title_factory(episodes=3)
    entry = list_entry_progress(user=user, title=title, today=DAY)
    assert (entry.status, entry.episodes_seen, entry.started_on) == ("watching", 1, DAY)
    assert title.stats.watchers == 1
    assert stats_recompute(check=True) == []


def test_plus_one_on_a_planned_or_paused_title_resumes_watching(user, title_factory, rate):
    title = title_factory(episodes=3)
    rate(user, title, None, status="plan_to_watch")
    assert list_entry_progress(user=user, title=title, today=DAY).status == "watching"
    ListEntry.objects.filter(user=user).update(status="on_hold", started_on=date(2026, 1, 1))
    entry = list_entry_progress(user=user, title=title, today=DAY)
    assert (entry.status, entry.episodes_seen, entry.started_on) == (
        "watching",
        2,
        date(2026, 1, 1),
    )


def test_the_last_episode_completes_the_title_and_keeps_the_score(user, title_factory, rate):
    title = title_factory(episodes=2)
    rate(user, title, "8.5", status="watching")
    ListEntry.objects.filter(user=user).update(episodes_seen=1)
    entry = list_entry_progress(user=user, title=title, today=DAY)
    assert (entry.status, entry.episodes_seen, entry.finished_on) == ("completed", 2, DAY)
    assert entry.score == 8.5
    assert stats_recompute(check=True) == []


def test_plus_one_past_the_last_episode_is_refused_and_changes_nothing(user, title_factory):
    title = title_factory(episodes=1)
    list_entry_progress(user=user, title=title, today=DAY)
    with pytest.raises(ValidationError, match="You have seen all 1 episodes"):
        list_entry_progress(user=user, title=title, today=DAY + timedelta(days=1))
    entry = ListEntry.objects.get(user=user)
    assert (entry.episodes_seen, entry.finished_on) == (1, DAY)


def test_a_title_not_yet_aired_has_no_progress(user, title_factory):
    later = timezone.localdate() + timedelta(days=30)
    title = title_factory(aired_from=later, aired_to=None, year=later.year)
    with pytest.raises(ValidationError):
        list_entry_progress(user=user, title=title)
    assert not ListEntry.objects.exists()


def test_without_javascript_plus_one_returns_to_the_page_with_a_message(
    client, user, title_factory
):
    title = title_factory(episodes=12)
    client.force_login(user)
    back = f"/users/{user.username}/list/"
    response = client.post(progress_url(title), {"next": back}, follow=True)
    assert response.redirect_chain == [(back, 302)]
    html = response.content.decode()
    assert f"{title.title}: episode 1 of 12." in html
    assert '<span class="progress-count">1/12</span>' in html


def test_without_javascript_a_refused_plus_one_says_why(client, user, title_factory):
    title = title_factory(episodes=1)
    client.force_login(user)
    client.post(progress_url(title))
    response = client.post(progress_url(title), follow=True)
    assert f"You have seen all 1 episodes of {title.title}." in response.content.decode()
    assert ListEntry.objects.get().episodes_seen == 1


def test_with_htmx_the_list_row_comes_back_in_place(client, user, title_factory):
    title = title_factory(episodes=2)
    client.force_login(user)
    headers = {"HX-Request": "true", "HX-Target": f"progress-{title.pk}"}
    response = client.post(progress_url(title), headers=headers)
    html = response.content.decode()
    assert html.strip().startswith(f'<div class="progress-line" id="progress-{title.pk}">')
    assert '<progress class="list-progress" max="2" value="1"' in html
    assert "plus-one" in html
    # The last one: completed, so no +1 any more; past it, refused in place.
    html = client.post(progress_url(title), headers=headers).content.decode()
    assert "2/2" in html and "plus-one" not in html
    refused = client.post(progress_url(title), headers=headers)
    assert refused.status_code == 422
    assert "You have seen all 2 episodes" in refused.content.decode()


def test_with_htmx_the_title_page_entry_comes_back_in_place(client, user, title_factory):
    title = title_factory(episodes=16)
    client.force_login(user)
    headers = {"HX-Request": "true", "HX-Target": "your-entry"}
    html = client.post(progress_url(title), headers=headers).content.decode()
    assert '<section id="your-entry"' in html
    assert "<span>Episode 1 of 16</span>" in html
    assert "On your list: Watching." in " ".join(html.split())
    assert 'id="title-ratings"' in html  # the statistics, out of band


def test_plus_one_needs_a_signed_in_post(client, user, title_factory):
    title = title_factory()
    assert client.post(progress_url(title)).status_code == 302  # to sign in
    client.force_login(user)
    assert client.get(progress_url(title)).status_code == 405
    assert not ListEntry.objects.exists()


def test_home_shows_members_what_they_are_watching(client, user, title_factory, rate):
    watching = title_factory(title="Still going", episodes=10)
    rate(user, watching, None, status="watching")
    rate(user, title_factory(title="All done"), "8.0")
    assert "Continue watching" not in client.get("/").content.decode()
    client.force_login(user)
    html = client.get("/").content.decode()
    section = html[html.index("Continue watching") :]
    assert "Still going" in section and "All done" not in section[: section.index("</section>")]
    assert f'action="/titles/{watching.pk}/progress/"' in section
