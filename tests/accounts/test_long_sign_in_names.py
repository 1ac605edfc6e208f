"""A sign-in name longer than any member's is just a wrong name: the site and the admin answer
it as they answer a wrong password, and the lockout still counts it."""

import pytest

pytestmark = pytest.mark.django_db

LONG_NAMES = ["n" * 256, "n" * 255 + "é", "x" * 5000]
# What each sign-in page says to a wrong name or password.
WRONG = {
    "/accounts/login/": "Please enter a correct username and password",
    "/admin/login/": "Please enter the correct username and password for a staff account",
}


def answer(client, path: str, username: str):
    return client.post(path, {"username": username, "password": "wrong"})


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
@pytest.mark.parametrize("name", LONG_NAMES)
def test_a_very_long_name_is_answered_like_a_wrong_password(client, member, path, name):
    wrong_password = answer(client, path, member.username)
    response = answer(client, path, name)

    assert response.status_code == wrong_password.status_code
    assert WRONG[path] in wrong_password.content.decode()
    assert WRONG[path] in response.content.decode()


def test_the_lockout_counts_a_very_long_name_too(client, settings):
    name = "n" * 300
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert answer(client, "/accounts/login/", name).status_code == 422
    assert answer(client, "/accounts/login/", name).status_code == 429
