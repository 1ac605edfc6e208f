"""What the title page shows about recommendations, read through the selectors."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings

from recommendations import selectors
from recommendations.models import SimilarTitle
from recommendations.services import recommendation_vote

pytestmark = pytest.mark.django_db


def test_the_best_two_come_by_votes_then_by_number_of_reasons(
    title_factory, recommendation_factory, recommend, user_factory
):
    title = title_factory()
    few_votes = recommendation_factory(title=title, votes=1)
    most_votes = recommendation_factory(title=title, votes=3)
    tie_more_reasons = recommendation_factory(title=title, votes=1)
    recommend(user_factory(), title, tie_more_reasons.other_than(title))
    recommendation_factory(title=title)

    section = selectors.title_section(title)

    assert [card.recommendation for card in section.best] == [most_votes, tie_more_reasons]
    assert section.total == 4
    assert section.more == 2
    assert few_votes not in [card.recommendation for card in section.best]


def test_it_shows_the_other_title_whichever_side_of_the_pair_the_title_is_on(
    title_factory, recommendation_factory
):
    early = title_factory(title="Early")
    title = title_factory(title="Middle")
    late = title_factory(title="Late")
    # `title` is the higher id of one pair and the lower id of the other.
    recommendation_factory(title=title, other=early, votes=2)
    recommendation_factory(title=late, other=title, votes=1)

    cards = selectors.title_section(title).best

    assert [card.other.title for card in cards] == ["Early", "Late"]
    assert [card.recommendation.votes_count for card in cards] == [2, 1]


def test_a_card_carries_the_first_reason_its_author_and_how_many_others(
    title_factory, recommendation_factory, recommend, user_factory
):
    a, b = title_factory(), title_factory()
    recommendation_factory(title=a, other=b, user=user_factory(username="first"), reason="F" * 60)
    recommend(user_factory(username="second"), b, a, "S" * 60)
    recommend(user_factory(username="third"), a, b, "T" * 60)

    (on_a,) = selectors.title_section(a).best
    (on_b,) = selectors.title_section(b).best

    # Each page shows the first reason written on it.
    assert (on_a.reason, on_a.recommended_by, on_a.others_count) == ("F" * 60, "first", 2)
    assert (on_b.reason, on_b.recommended_by, on_b.others_count) == ("S" * 60, "second", 2)


def test_it_marks_what_the_signed_in_user_voted_for_and_recommended(
    title_factory, recommendation_factory, user
):
    title = title_factory()
    voted = recommendation_factory(title=title, votes=2)
    recommendation_vote(user=user, recommendation=voted)
    mine = recommendation_factory(title=title, user=user)

    other = recommendation_factory(title=title)

    states = selectors.vote_states(user, [voted.pk, mine.pk, other.pk])

    assert states == {voted.pk: (True, False), mine.pk: (False, True), other.pk: (False, False)}
    assert selectors.vote_states(AnonymousUser(), [voted.pk]) == {}


def test_similar_titles_show_only_while_users_have_recommended_few(
    title_factory, recommendation_factory, settings
):
    settings.SIMILAR_SHOWN_BELOW_RECOMMENDATIONS = 2
    title, liked_too = title_factory(), title_factory()
    SimilarTitle.objects.create(title=title, similar=liked_too, score=0.5, co_likers=4, rank=1)

    assert [s.similar for s in selectors.title_section(title).similar] == [liked_too]
    recommendation_factory(title=title)
    assert selectors.title_section(title).similar != []
    recommendation_factory(title=title)
    assert selectors.title_section(title).similar == []


def test_pages_of_recommendations_continue_where_the_last_one_stopped(
    title_factory, recommendation_factory
):
    title = title_factory()
    made = [recommendation_factory(title=title, votes=votes) for votes in [5, 4, 3, 2, 1, 0]]

    with override_settings(RECOMMENDATIONS_PER_PAGE=4):
        first = selectors.page_for_title(title, "1")
        second = selectors.page_for_title(title, "2")

    assert first.paginator.count == 6
    assert [c.recommendation for c in first.object_list] == made[:4]
    assert [c.recommendation for c in second.object_list] == made[4:]
    assert not second.has_next()
