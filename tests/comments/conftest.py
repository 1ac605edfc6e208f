import pytest

from tests.comments.factories import CommentFactory


@pytest.fixture
def comment_factory(db):
    return CommentFactory


@pytest.fixture
def title(title_factory):
    return title_factory(title="Pure Soul")


@pytest.fixture
def other_user(user_factory):
    return user_factory(username="bob")
