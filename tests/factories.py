"""factory_boy factories for the whole project; exposed as fixtures in conftest.py."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from reviews.models import ListEntry
from titles.models import AlternativeTitle, Credit, Genre, Network, Person, Tag, Title


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.django.Password("correct horse battery staple")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Network {n}")
    country = "JP"


class GenreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Genre
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Genre {n}")
    slug = factory.LazyAttribute(lambda g: g.name.lower().replace(" ", "-"))


class TagFactory(GenreFactory):
    class Meta:
        model = Tag
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Tag {n}")


class TitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Title

    title = factory.Sequence(lambda n: f"Title {n}")
    native_title = factory.Sequence(lambda n: f"タイトル {n}")
    kind = Title.Kind.DRAMA
    country = "JP"
    episodes = 12
    aired_from = date(2020, 1, 1)
    aired_to = date(2020, 3, 31)
    network = factory.SubFactory(NetworkFactory)
    duration_minutes = 45
    synopsis = "A story told in twelve parts about people who keep going."


class AlternativeTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AlternativeTitle

    title = factory.SubFactory(TitleFactory)
    name = factory.Sequence(lambda n: f"Another name {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    native_name = factory.Sequence(lambda n: f"人 {n}")


class CreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credit

    title = factory.SubFactory(TitleFactory)
    person = factory.SubFactory(PersonFactory)
    kind = Credit.Kind.MAIN
    character_name = factory.Sequence(lambda n: f"Character {n}")
    order = factory.Sequence(lambda n: n)


class ListEntryFactory(factory.django.DjangoModelFactory):
    """A list entry written straight to the table: use services for stats to follow."""

    class Meta:
        model = ListEntry

    user = factory.SubFactory(UserFactory)
    title = factory.SubFactory(TitleFactory)
    status = ListEntry.Status.COMPLETED
    score = Decimal("8.0")
