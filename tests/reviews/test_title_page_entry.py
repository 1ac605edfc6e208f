"""The member's own part of the title header: a sensible status to start from, and their
progress."""

from datetime import date, timedelta

import pytest

from reviews.forms import QuickEntryForm
from reviews.models import ListEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("first", "last", "status"),
    [(120, None, "plan_to_watch"), (-30, 30, "watching"), (-300, -200, "completed")],
)
def test_a_new_entry_starts_from_the_status_that_fits_the_airing(
    client, user, title_factory, first, last, status
):
    today = date.today()
    title = title_factory(
        aired_from=today + timedelta(days=first),
        aired_to=None if last is None else today + timedelta(days=last),
        year=(today + timedelta(days=first)).year,
    )
    assert QuickEntryForm(instance=ListEntry(title=title))["status"].value() == status
    client.force_login(user)
    html = client.get(title.get_absolute_url()).content.decode()
    assert f'<option value="{status}" selected>' in html


def test_the_title_page_shows_the_members_progress(client, user, title_factory, rate):
    title = title_factory(episodes=16)
    ListEntry.objects.create(user=user, title=title, status="watching", episodes_seen=5, score=8)
    client.force_login(user)
    html = client.get(title.get_absolute_url()).content.decode()
    assert "On your list: Watching, your rating 8.0." in html
    assert "<span>Episode 5 of 16</span>" in html
    assert '<button type="submit" class="btn btn-sm btn-outline-primary plus-one">+1' in html
