import pytest

from tests.comments.factories import CommentFactory


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
