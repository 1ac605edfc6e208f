"""Writing is throttled per member per minute; a refusal keeps what was typed."""

import pytest

from recommendations.models import RecommendationVote
from reviews.models import Review, ReviewVote
from tests.recommendations.factories import RecommendationFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def test_review_edits_past_the_limit_are_refused_with_the_text_kept(
    client, user, title_factory, review_data, settings
):
    settings.REVIEW_RATE = "1/m"
    title = title_factory(episodes=11)
    client.force_login(user)
    assert client.post(f"/titles/{title.pk}/review/", review_data()).status_code == 302
    review = Review.objects.get(user=user)

    changed = review_data(headline="A second thought, kept")
    response = client.post(f"/reviews/{review.pk}/edit/", changed)

    assert response.status_code == 429
    html = response.content.decode()
    assert "You are doing that too often" in html
    assert "A second thought, kept" in html
    review.refresh_from_db()
    assert review.headline == "Worth every tear"


@pytest.mark.parametrize("htmx", [False, True])
def test_votes_past_the_limit_are_refused(client, user, settings, htmx):
    settings.VOTE_RATE = "2/m"
    client.force_login(user)
    headers = {"HX-Request": "true"} if htmx else {}
    reviews = [ReviewFactory() for _ in range(3)]
    statuses = [
        client.post(f"/reviews/{r.pk}/vote/", {"helpful": "yes"}, headers=headers).status_code
        for r in reviews
    ]
    assert statuses[2] == 429
    assert ReviewVote.objects.filter(user=user).count() == 2
    recommendation = RecommendationFactory()
    response = client.post(f"/recommendations/{recommendation.pk}/vote/", headers=headers)
    assert response.status_code == 429
    assert "You are doing that too often" in response.content.decode()
    assert not RecommendationVote.objects.filter(user=user).exists()


def test_recommendations_past_the_limit_are_refused_with_the_reason_kept(
    client, user, title_factory, settings
):
    from tests.recommendations.factories import REASON

    settings.RECOMMENDATION_RATE = "1/m"
    title, first, second = title_factory(), title_factory(), title_factory()
    client.force_login(user)
    url = f"/titles/{title.pk}/recommendations/new/"
    assert client.post(url, {"other": first.pk, "reason": REASON}).status_code == 302
    response = client.post(url, {"other": second.pk, "reason": REASON + " Kept."})
    assert response.status_code == 429
    assert "Kept." in response.content.decode()
