"""The title page's details as the reference site has them: Director, Screenwriter, Genres,
Aired On, Content Rating, Status, related titles from both ends, and links to browse."""

import pytest

from demo.titles import load_discovery_titles, load_seed_title
from titles.models import RelatedTitle

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(db):
    load_discovery_titles()
    return load_seed_title()


def test_the_reference_details_are_there(client, seed):
    html = client.get(seed.get_absolute_url()).content.decode()
    assert ">Director</dt>" in html and "Murakami Masanori" in html
    assert ">Screenwriter</dt>" in html and "Egashira Michiru" in html
    assert ">Genres</dt>" in html
    assert "<dt>Aired On</dt><dd>Tuesday</dd>" in html
    assert "<dt>Content Rating</dt><dd>13+ - Teens 13 or older</dd>" in html
    assert "<dt>Status</dt><dd>Finished</dd>" in html


def test_genres_countries_networks_and_years_link_to_browse(client, seed):
    html = client.get(seed.get_absolute_url()).content.decode()
    assert 'href="/titles/?genre=drama"' in html
    assert 'href="/titles/?country=JP"' in html
    assert f'href="/titles/?network={seed.network_id}"' in html
    assert 'href="/titles/?year_from=2005&amp;year_to=2005"' in html


def test_a_related_title_shows_on_both_titles(client, seed):
    link = RelatedTitle.objects.get(title=seed)
    special = link.related
    assert "Special:</span> <a" in client.get(seed.get_absolute_url()).content.decode()
    html = client.get(special.get_absolute_url()).content.decode()
    assert "Main story:</span>" in html and "1 Litre of Tears</a>" in html


def test_a_title_cannot_be_related_to_itself(seed):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        RelatedTitle.objects.create(title=seed, related=seed, kind="sequel")
