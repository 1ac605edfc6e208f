"""A reason is written on one title's page; each page shows its own reasons first and labels
a reason that was written on the other title's page."""

import pytest

from recommendations import selectors

pytestmark = pytest.mark.django_db

ABOUT_B = "A retired postman in his seventies takes up ballet and befriends a young dancer."
ABOUT_A = "A girl faces an illness with her family beside her, one diary page at a time."


@pytest.mark.parametrize("a_first", [True, False])
def test_each_page_reads_a_reason_from_its_own_side(
    title_factory, user_factory, recommend, client, a_first
):
    first, second = title_factory(), title_factory()
    a, b = (first, second) if a_first else (second, first)
    recommend(user_factory(), a, b, ABOUT_B)  # written on A's page, recommending B

    (card_on_b,) = selectors.title_section(b).best
    (card_on_a,) = selectors.title_section(a).best
    assert card_on_a.reason == ABOUT_B and not card_on_a.reason_from_other_page
    assert card_on_b.reason == ABOUT_B and card_on_b.reason_from_other_page
    html = client.get(b.get_absolute_url()).content.decode()
    assert f"Written on the page of {a.title}, recommending this title to its fans" in html

    recommend(user_factory(), b, a, ABOUT_A)  # later, written on B's page
    (card_on_b,) = selectors.title_section(b).best
    (card_on_a,) = selectors.title_section(a).best
    assert card_on_b.reason == ABOUT_A and not card_on_b.reason_from_other_page
    assert card_on_a.reason == ABOUT_B and not card_on_a.reason_from_other_page


def test_the_recommendation_page_says_what_each_reason_recommends(
    title_factory, user_factory, recommend, client
):
    a, b = title_factory(title="Aurora"), title_factory(title="Borealis")
    recommendation = recommend(user_factory(), a, b, ABOUT_B)
    html = client.get(recommendation.get_absolute_url()).content.decode()
    assert "recommends Borealis to fans of Aurora" in html


def test_a_reason_from_before_sides_were_recorded_gets_no_label(
    title_factory, user_factory, recommend
):
    from recommendations.models import RecommendationReason

    a, b = title_factory(), title_factory()
    recommend(user_factory(), a, b, ABOUT_B)
    RecommendationReason.objects.update(for_low=None)
    for title in (a, b):
        (card,) = selectors.title_section(title).best
        assert card.reason == ABOUT_B and not card.reason_from_other_page
