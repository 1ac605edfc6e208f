import pytest
from django.core.exceptions import ValidationError

from recommendations.models import Recommendation, RecommendationReason, TitleRecommendationCount
from recommendations.services import recommendation_add

pytestmark = pytest.mark.django_db


def title_count(title) -> int:
    return TitleRecommendationCount.objects.get(title=title).count


def test_recommending_creates_the_pair_with_the_lower_id_first(title_factory, user, reason):
    first, second = title_factory(), title_factory()
    recommendation = recommendation_add(user=user, title=second, other=first, reason=reason)

    assert (recommendation.title_low, recommendation.title_high) == (first, second)
    assert (recommendation.reasons_count, recommendation.votes_count) == (1, 0)
    stored = RecommendationReason.objects.get()
    assert (stored.user, stored.text) == (user, reason)
    assert (title_count(first), title_count(second)) == (1, 1)


def test_recommending_a_pair_either_way_adds_to_one_recommendation(
    title_factory, user_factory, reason
):
    a, b = title_factory(), title_factory()
    one = recommendation_add(user=user_factory(), title=a, other=b, reason=reason)
    two = recommendation_add(user=user_factory(), title=b, other=a, reason=reason)

    assert one.pk == two.pk
    assert Recommendation.objects.count() == 1
    assert two.reasons_count == 2
    # Still one recommendation for each title, however many reasons it gathers.
    assert (title_count(a), title_count(b)) == (1, 1)


def test_a_title_cannot_be_recommended_for_itself(title_factory, user, reason):
    title = title_factory()
    with pytest.raises(ValidationError) as refused:
        recommendation_add(user=user, title=title, other=title, reason=reason)
    assert refused.value.message_dict == {
        "other": ["A title cannot be recommended for itself; choose another title."]
    }
    assert not Recommendation.objects.exists()


def test_a_reason_of_49_characters_is_refused_and_50_accepted(title_factory, user):
    a, b = title_factory(), title_factory()
    with pytest.raises(ValidationError) as refused:
        recommendation_add(user=user, title=a, other=b, reason="x" * 49)
    assert refused.value.message_dict == {
        "reason": ["Please explain your recommendation in at least 50 characters (you wrote 49)."]
    }
    assert not Recommendation.objects.exists()
    assert not TitleRecommendationCount.objects.exists()

    recommendation_add(user=user, title=a, other=b, reason="x" * 50)
    assert Recommendation.objects.count() == 1


def test_spaces_around_a_reason_do_not_count_towards_its_length(title_factory, user):
    a, b = title_factory(), title_factory()
    with pytest.raises(ValidationError, match="you wrote 40"):
        recommendation_add(user=user, title=a, other=b, reason="   " + "x" * 40 + "\n\n    ")


def test_the_same_user_cannot_recommend_the_same_pair_twice(title_factory, user, reason):
    a, b = title_factory(title="Pure Soul"), title_factory(title="1 Litre of Tears")
    recommendation_add(user=user, title=a, other=b, reason=reason)
    with pytest.raises(ValidationError) as refused:
        recommendation_add(user=user, title=b, other=a, reason=reason + " Again.")
    assert refused.value.message_dict["other"] == [
        "You have already recommended Pure Soul for 1 Litre of Tears; each user gives one "
        "reason per pair of titles."
    ]
    recommendation = Recommendation.objects.get()
    assert recommendation.reasons_count == 1
    assert title_count(a) == 1
