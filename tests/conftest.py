import pytest
from django.contrib.auth.models import Group

from tests import factories


@pytest.fixture
def user_factory(db):
    return factories.UserFactory


@pytest.fixture
def title_factory(db):
    return factories.TitleFactory


@pytest.fixture
def person_factory(db):
    return factories.PersonFactory


@pytest.fixture
def credit_factory(db):
    return factories.CreditFactory


@pytest.fixture
def alternative_title_factory(db):
    return factories.AlternativeTitleFactory


@pytest.fixture
def genre_factory(db):
    return factories.GenreFactory


@pytest.fixture
def tag_factory(db):
    return factories.TagFactory


@pytest.fixture
def user(user_factory):
    return user_factory(username="alice")


@pytest.fixture
def editor(user_factory):
    """A staff member in the Editors group, as an editor of the catalogue would be."""
    person = user_factory(username="editor", is_staff=True)
    person.groups.add(Group.objects.get(name="Editors"))
    return person


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
