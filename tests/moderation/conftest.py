import pytest
from django.contrib.auth.models import Group

from tests.comments.factories import CommentFactory


@pytest.fixture
def moderator(user_factory):
    """Someone in the Moderators group, as the site's moderators are."""
    person = user_factory(username="mod")
    person.groups.add(Group.objects.get(name="Moderators"))
    return person


@pytest.fixture
def author(user_factory):
    return user_factory(username="writer")


@pytest.fixture
def reporter(user_factory):
    return user_factory(username="reader")


@pytest.fixture
def comment(db, author, title_factory):
    return CommentFactory(author=author, target=title_factory(title="Pure Soul"),
                          body="Buy cheap watches at my shop.")  # fmt: skip


def report(client, kind, pk, reason="spam", note="", **kwargs):
    return client.post(f"/report/{kind}/{pk}/", {"reason": reason, "note": note}, **kwargs)
