"""The recommendations part of the title page, as a visitor sees it."""

import io

import pytest
from django.core.management import call_command

from recommendations.models import SimilarTitle

pytestmark = pytest.mark.django_db


def test_it_shows_the_best_two_with_poster_name_reason_and_who_recommended_them(
    client, title_factory, recommendation_factory, recommend, user_factory
):
    title = title_factory()
    best = recommendation_factory(
        title=title,
        other=title_factory(title="Pure Soul", year=2001),
        user=user_factory(username="haruka"),
        reason="Another story about a degenerative illness told with restraint and care.",
        votes=3,
    )
    for _ in range(2):
        recommend(user_factory(), best.other_than(title), title)
    recommendation_factory(title=title, other=title_factory(title="Taiyou no Uta"), votes=2)
    for _ in range(3):
        recommendation_factory(title=title)

    html = client.get(title.get_absolute_url()).content.decode()
    section = html[html.index('id="recommendations"') :]

    assert "Make a Recommendation" in section
    assert "Pure Soul</a> <span" in section
    assert "(2001)" in section
    assert "told with restraint and care." in section
    assert 'Recommended by <a href="/users/haruka/">haruka</a>' in section
    assert "and 2 others</a>" in section
    assert section.index("Pure Soul") < section.index("Taiyou no Uta")
    assert f'href="/titles/{title.pk}/recommendations/">More recs (3)</a>' in section


def test_a_title_nobody_recommended_says_so_and_offers_similar_titles(client, title_factory):
    title, liked_too = title_factory(), title_factory(title="Nodame Cantabile")
    SimilarTitle.objects.create(title=title, similar=liked_too, score=0.4, co_likers=9, rank=1)

    html = client.get(title.get_absolute_url()).content.decode()

    assert "Nobody has recommended a title for" in html
    assert "More recs" not in html
    assert "People who liked this also liked" in html
    assert "Nodame Cantabile" in html
    assert 'href="/help/recommendations/#similar-titles"' in html


def test_it_escapes_reasons_and_usernames(
    client, title_factory, recommendation_factory, user_factory
):
    title = title_factory()
    recommendation_factory(
        title=title,
        user=user_factory(username="x<b>y"),
        reason="<script>alert('reason')</script> and enough words to be accepted here.",
    )
    html = client.get(title.get_absolute_url()).content.decode()
    assert "<script>alert('reason')" not in html
    assert "&lt;script&gt;alert('reason')&lt;/script&gt;" in html
    assert "x&lt;b&gt;y" in html


def test_the_title_page_shows_what_compute_similar_stored(
    client, title_factory, user_factory, list_entry_factory
):
    seed, liked_most, liked_less = (title_factory(title=n) for n in ["Seed", "Most", "Less"])
    for n in range(4):
        user = user_factory()
        list_entry_factory(user=user, title=seed, score="9.0")
        list_entry_factory(user=user, title=liked_most, score="8.5")
        if n < 3:
            list_entry_factory(user=user, title=liked_less, score="10.0")
    list_entry_factory(user=user_factory(), title=liked_less, score="10.0")
    call_command("compute_similar", stdout=io.StringIO())

    html = client.get(seed.get_absolute_url()).content.decode()

    section = html[html.index("People who liked this also liked") :]
    assert section.index(">Most</span>") < section.index(">Less</span>")
