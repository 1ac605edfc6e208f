import io

import pytest
from django.core.management import call_command

from reviews.models import ListEntry
from titles.models import Title

# Each test loads the whole demo.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_shows_the_reference_ratings_from_real_rows(client):
    call_command("loaddemo", stdout=io.StringIO())
    entries = ListEntry.objects.count()
    call_command("loaddemo", stdout=io.StringIO())
    assert ListEntry.objects.count() == entries

    call_command("recompute_stats", "--check", stdout=io.StringIO())
    # Looked up, not assumed to be id 1: other tests' rolled-back rows use up ids.
    seed = Title.objects.get(title="1 Litre of Tears")
    html = client.get(seed.get_absolute_url()).content.decode()
    assert "Ratings: <strong>9.0</strong>/10 from 6,819 users" in html
    assert "(scored by 6,819 users)" in html
    assert "Recently Watched By" in html
