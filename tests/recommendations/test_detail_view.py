"""A recommendation's page: both titles and every user's reason."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_shows_both_titles_and_every_reason_oldest_first(
    client, title_factory, recommendation_factory, recommend, user_factory
):
    a, b = title_factory(title="Orange Days"), title_factory(title="Pure Soul")
    recommendation = recommendation_factory(
        title=a, other=b, user=user_factory(username="first"), reason="F" * 50 + "\nline two"
    )
    recommend(user_factory(username="second"), b, a, "S" * 60)

    html = client.get(recommendation.get_absolute_url()).content.decode()

    assert "Orange Days" in html and "Pure Soul" in html
    assert "Recommended by 2 users." in html
    assert html.index(">first</a>") < html.index(">second</a>")
    assert "F" * 50 + "<br>line two" in html


def test_signed_in_users_may_add_their_reason_unless_they_gave_one(
    client, recommendation_factory, user, user_factory
):
    recommendation = recommendation_factory(user=user_factory(username="author"))
    add = (
        f'href="/titles/{recommendation.title_low_id}/recommendations/new/'
        f'?other={recommendation.title_high_id}"'
    )
    assert add not in client.get(recommendation.get_absolute_url()).content.decode()
    client.force_login(user)
    assert add in client.get(recommendation.get_absolute_url()).content.decode()
    client.force_login(user_factory(username="author"))
    assert add not in client.get(recommendation.get_absolute_url()).content.decode()


def test_an_unknown_recommendation_is_not_found(client, db):
    assert client.get("/recommendations/999999/").status_code == 404


@pytest.mark.parametrize("size", [2, 30])
def test_its_query_count_does_not_grow_with_reasons(
    client, django_assert_num_queries, recommendation_factory, recommend, user_factory, user, size
):
    recommendation = recommendation_factory()
    for _ in range(size - 1):
        recommend(user_factory(), recommendation.title_high, recommendation.title_low)
    client.force_login(user)

    # Expect 7 queries:
    # 1. the signed-in user (the session comes from the cache)
    # 2. the recommendation with both titles
    # 3. one page of reasons with their authors (the count is stored)
    # 4. whether the user voted for it or gave a reason
    # 5-6. the member's permissions and their groups' (whether the header shows Moderation),
    #    read once, then cached
    # 7. the member's open reports of the reasons shown (a reported one reads "Reported")
    # (+1: the header's bell, the member's unread count, read once and then cached)
    with django_assert_num_queries(8):
        response = client.get(recommendation.get_absolute_url())
    assert f"Recommended by {size} users." in response.content.decode()
