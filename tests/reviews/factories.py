import factory

from reviews.models import Review
from tests.factories import TitleFactory, UserFactory

BODY = (
    "A careful, moving drama about a family that learns to live with an illness, told with "
    "restraint and real warmth from the first episode to the last."
)


class ReviewFactory(factory.django.DjangoModelFactory):
    """A review written straight to the table: use services for stats to follow."""

    class Meta:
        model = Review

    user = factory.SubFactory(UserFactory)
    title = factory.SubFactory(TitleFactory)
    body = BODY
    overall = "8.0"
    story = "8.0"
    acting = "8.0"
    music = "8.0"
    rewatch = "8.0"
