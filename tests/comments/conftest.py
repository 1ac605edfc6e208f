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


@pytest.fixture
def no_rate_limit(settings):
    settings.COMMENT_RATE_LIMIT_SECONDS = 0
