"""The title page's queries stay the same however many recommendations and articles it has."""

import pytest
from django.contrib.contenttypes.models import ContentType

from recommendations.models import SimilarTitle
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [3, 30])
def test_the_title_page_query_count_does_not_grow_with_recommendations_or_articles(
    client,
    django_assert_num_queries,
    title_factory,
    recommendation_factory,
    recommend,
    user_factory,
    user,
    size,
):
    title = title_factory()
    for n in range(size):
        recommendation = recommendation_factory(title=title, votes=n % 3)
        recommend(user_factory(), recommendation.other_than(title), title)
    ArticleFactory.create_batch(size, titles=[title])
    client.force_login(user)
    # The content type of titles is cached per process after its first use, as in production.
    ContentType.objects.get_for_model(title)

    # Expect 19 queries:
    # 1-2. the session and the signed-in user
    # 3. the title with its network and number of credits
    # 4-6. its alternative titles, genres and tags (prefetched)
    # 7. the cast preview with each person
    # 8-9. the user's permissions and their groups' permissions ("Add Cast")
    # 10. the title's statistics
    # 11. the user's own list entry ("Your Rating")
    # 12. the most helpful reviews (none, so no query for the user's votes on them)
    # 13. the user's own review
    # 14. "Recently Watched By" with each user
    # 15. "News & Articles": the latest two articles
    # 16. the title's stored number of recommendations
    # 17. its best two recommendations with both titles, first reason, author and vote state
    # (no similar titles: users have recommended enough)
    # 18. the title's stored comment count
    # 19. the page of comment threads (none, so no query for their replies)
    with django_assert_num_queries(19):
        response = client.get(title.get_absolute_url())
    html = response.content.decode()
    assert f"More recs ({size - 2})" in html
    assert html.count('class="rec-card') == 2
    assert html.count('class="news-item') == 2


@pytest.mark.parametrize("similar", [1, 10])
def test_similar_titles_are_read_in_one_query(
    client, django_assert_num_queries, title_factory, recommendation_factory, similar
):
    title = title_factory()
    recommendation_factory(title=title)
    for rank in range(1, similar + 1):
        SimilarTitle.objects.create(
            title=title, similar=title_factory(), score=1 / rank, co_likers=5, rank=rank
        )

    ContentType.objects.get_for_model(title)
    # Expect 14 queries: the 8 of the catalogue, statistics and reviews parts, the latest
    # articles, the number of recommendations, the best ones, the stored similar titles, and
    # the comment count and threads.
    with django_assert_num_queries(14):
        response = client.get(title.get_absolute_url())
    assert "People who liked this also liked" in response.content.decode()
