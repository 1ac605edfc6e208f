import io

import pytest
from django.core.management import call_command

from reviews.models import ListEntry

pytestmark = pytest.mark.django_db


def test_the_demo_shows_the_reference_ratings_from_real_rows(client):
    call_command("loaddemo", stdout=io.StringIO())
    entries = ListEntry.objects.count()
    call_command("loaddemo", stdout=io.StringIO())
    assert ListEntry.objects.count() == entries

    call_command("recompute_stats", "--check", stdout=io.StringIO())
    html = client.get("/titles/1-1-litre-of-tears/", follow=True).content.decode()
    assert "Ratings: <strong>9.0</strong>/10 from 6,819 users" in html
    assert "(scored by 6,819 users)" in html
    assert "Recently Watched By" in html
