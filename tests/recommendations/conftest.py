import pytest

from tests.recommendations import factories


@pytest.fixture
def recommendation_factory(db):
    return factories.RecommendationFactory


@pytest.fixture
def reason():
    """A reason long enough to be accepted."""
    return factories.REASON


@pytest.fixture
def recommend(db):
    """Recommend through the service, as the site does, so every counter follows."""
    from recommendations.services import recommendation_add

    def _recommend(user, title, other, reason=factories.REASON):
        return recommendation_add(user=user, title=title, other=other, reason=reason)

    return _recommend
