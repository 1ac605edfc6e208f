"""More recs: every recommendation of a title, best first, a page at a time."""

import pytest

pytestmark = pytest.mark.django_db


def list_url(title) -> str:
    return f"/titles/{title.pk}/recommendations/"


def test_it_lists_all_recommendations_best_first_in_pages(
    client, title_factory, recommendation_factory, settings
):
    settings.RECOMMENDATIONS_PER_PAGE = 2
    title = title_factory()
    names = ["Most voted", "Second", "Third"]
    for votes, name in zip([3, 2, 1], names, strict=True):
        recommendation_factory(title=title, other=title_factory(title=name), votes=votes)

    first = client.get(list_url(title)).content.decode()
    second = client.get(list_url(title), {"page": 2}).content.decode()

    assert "3 titles recommended" in first
    assert first.index("Most voted") < first.index("Second")
    assert "Third" not in first
    assert "Page 1 of 2" in first
    assert "Third" in second and "Most voted" not in second


def test_a_title_without_recommendations_says_so(client, title_factory):
    title = title_factory(title="Lonely Drama")
    html = client.get(list_url(title)).content.decode()
    assert "Nobody has recommended a title for Lonely Drama yet." in html


@pytest.mark.parametrize("size", [3, 30])
def test_its_query_count_does_not_grow_with_recommendations(
    client, django_assert_num_queries, title_factory, recommendation_factory, user, size
):
    title = title_factory()
    for _ in range(size):
        recommendation_factory(title=title, votes=1)
    client.force_login(user)

    # Expect 7 queries:
    # 1. the signed-in user (the session comes from the cache)
    # 2. the title
    # 3. its stored number of recommendations (the paginator's count)
    # 4. one page of recommendations with both titles, first reason and author
    # 5. the reader's votes for them and the ones they gave reasons for
    # 6-7. the member's permissions and their groups' (whether the header shows Moderation),
    #    read once, then cached
    # (+1: the header's bell, the member's unread count, read once and then cached)
    with django_assert_num_queries(8):
        response = client.get(list_url(title))
    assert response.content.decode().count('class="rec-card') == min(size, 20)
