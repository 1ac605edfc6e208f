"""Recommendations made the way the site makes them: through the services."""

import factory

from recommendations.models import Recommendation
from recommendations.services import recommendation_add, recommendation_vote
from tests.factories import TitleFactory, UserFactory

REASON = (
    "Both follow a family through a long illness with honesty and warmth; "
    "the same viewers will love them."
)


class RecommendationFactory(factory.django.DjangoModelFactory):
    """`RecommendationFactory(title=a, other=b, user=u, votes=3)`: one reason, then votes."""

    class Meta:
        model = Recommendation

    title = factory.SubFactory(TitleFactory)
    other = factory.SubFactory(TitleFactory)
    user = factory.SubFactory(UserFactory)
    reason = REASON
    votes = 0

    @classmethod
    def _create(cls, model_class, *, title, other, user, reason, votes):
        recommendation = recommendation_add(user=user, title=title, other=other, reason=reason)
        for _ in range(votes):
            recommendation = recommendation_vote(user=UserFactory(), recommendation=recommendation)
        return recommendation
