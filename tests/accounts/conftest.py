import pytest

PASSWORD = "correct horse battery staple"


@pytest.fixture
def member(user_factory):
    """A member named "mirae" who signs in with PASSWORD."""
    someone = user_factory(username="mirae")
    someone.set_password(PASSWORD)
    someone.save()
    return someone
