import io

import pytest
from django.core.management import call_command

from titles.models import Title

# Each test loads the whole demo.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_title_page_shows_the_reference_reviews(client):
    call_command("loaddemo", stdout=io.StringIO())
    call_command("loaddemo", stdout=io.StringIO())
    call_command("recompute_stats", "--check", stdout=io.StringIO())

    html = client.get(
        Title.objects.get(title="1 Litre of Tears").get_absolute_url()
    ).content.decode()

    assert "Ratings: <strong>9.0</strong>/10 from 6,819 users" in html
    assert 'Reviews: <a href="#reviews">53 users</a>' in html
    assert "More Reviews (51)" in html
    assert "12 of 15 people found this review helpful" in html
    assert "7 of 8 people found this review helpful" in html
    first, second = html.split('class="review card')[1:3]
    assert "Apr 7, 2011" in first and "Aug 4, 2011" in second
    scores = (
        "<dt>Overall</dt><dd>10.0</dd></div><div><dt>Story</dt><dd>10.0</dd></div>"
        "<div><dt>Acting/Cast</dt><dd>10.0</dd></div><div><dt>Music</dt><dd>10.0</dd></div>"
        "<div><dt>Rewatch Value</dt><dd>{}</dd>"
    )
    assert scores.format("9.0") in first
    assert scores.format("5.0") in second
    assert "Only Human" in second
