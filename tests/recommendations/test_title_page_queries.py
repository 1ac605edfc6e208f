"""The recommendations part of the title page stays the same number of queries however many
recommendations a title has (the whole page's list is in tests/front/test_title_page_queries.py)."""

import pytest

from recommendations import selectors
from recommendations.models import SimilarTitle

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [3, 30])
def test_the_recommendations_part_takes_two_queries_at_any_size(
    django_assert_num_queries, title_factory, recommendation_factory, recommend, user_factory,
    user, size,
):  # fmt: skip
    title = title_factory()
    for n in range(size):
        recommendation = recommendation_factory(title=title, votes=n % 3)
        recommend(user_factory(), recommendation.other_than(title), title)

    # Expect 2 queries:
    # 1. the title's stored number of recommendations
    # 2. its best two with both titles, first reason and author
    # (similar titles are read only when users have recommended fewer than a few; the
    # reader's vote state is a part of their own, recommendations/parts.py)
    with django_assert_num_queries(2):
        section = selectors.title_section(title)
        shown = [(card.other.title, card.recommended_by) for card in section.best]
    assert section.more == size - 2
    assert len(shown) == 2

    # Expect 1 query for the reader's state of the cards shown: their votes and their reasons.
    with django_assert_num_queries(1):
        selectors.vote_states(user, [card.recommendation.pk for card in section.best])


@pytest.mark.parametrize("similar", [1, 10])
def test_similar_titles_are_read_in_one_query(
    django_assert_num_queries, title_factory, recommendation_factory, user, similar
):
    title = title_factory()
    recommendation_factory(title=title)
    for rank in range(1, similar + 1):
        SimilarTitle.objects.create(
            title=title, similar=title_factory(), score=1 / rank, co_likers=5, rank=rank
        )

    # Expect 3 queries: the number of recommendations, the best one, the stored similar titles.
    with django_assert_num_queries(3):
        section = selectors.title_section(title)
        names = [row.similar.title for row in section.similar]
    assert len(names) == min(similar, 6)
