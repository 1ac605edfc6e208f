"""Moderators remove reasons in the admin; the counters follow."""

import pytest

from recommendations.models import Recommendation, RecommendationReason, TitleRecommendationCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, user_factory):
    client.force_login(user_factory(username="root", is_staff=True, is_superuser=True))
    return client


def test_deleting_one_of_several_reasons_keeps_the_recommendation(
    admin_client, recommendation_factory, recommend, user_factory
):
    recommendation = recommendation_factory()
    recommend(user_factory(), recommendation.title_high, recommendation.title_low)
    reason = RecommendationReason.objects.order_by("id").last()

    response = admin_client.post(
        f"/admin/recommendations/recommendationreason/{reason.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.reasons_count == 1
    assert TitleRecommendationCount.objects.get(title=recommendation.title_low).count == 1


def test_deleting_the_last_reason_removes_the_recommendation_and_its_counts(
    admin_client, recommendation_factory
):
    recommendation = recommendation_factory(votes=3)
    ids = RecommendationReason.objects.values_list("pk", flat=True)

    response = admin_client.post(
        "/admin/recommendations/recommendationreason/",
        {"action": "delete_selected", "_selected_action": list(ids), "post": "yes"},
    )

    assert response.status_code == 302
    assert not Recommendation.objects.exists()
    assert TitleRecommendationCount.objects.get(title=recommendation.title_low).count == 0
    assert TitleRecommendationCount.objects.get(title=recommendation.title_high).count == 0


def test_the_admin_lists_reasons_with_their_pair(admin_client, recommendation_factory):
    recommendation = recommendation_factory()
    html = admin_client.get("/admin/recommendations/recommendationreason/").content.decode()
    assert str(recommendation) in html
