"""Every refused form answers 422, whatever the app, with its messages and what was typed."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_refused_sign_up_is_422_and_keeps_the_name(client):
    data = {"username": "kiko", "email": "not-an-address", "password1": "x", "password2": "y"}
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 422
    assert 'value="kiko"' in response.content.decode()


def test_a_wrong_password_at_sign_in_is_422(client, user):
    response = client.post("/accounts/login/", {"username": user.username, "password": "wrong"})
    assert response.status_code == 422
    assert "Please enter a correct" in response.content.decode()


def test_a_refused_password_change_is_422(client, user):
    client.force_login(user)
    data = {"old_password": "wrong", "new_password1": "a", "new_password2": "b"}
    assert client.post("/accounts/password/change/", data).status_code == 422


def test_a_refused_profile_edit_is_422(client, user):
    client.force_login(user)
    response = client.post("/accounts/settings/profile/", {"bio": "x" * 5000})
    assert response.status_code == 422


def test_a_refused_comment_edit_is_422(client, user, title_factory):
    from comments.services import comment_post

    title = title_factory()
    comment = comment_post(author=user, target=title, body="First thoughts", is_spoiler=False)
    client.force_login(user)
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "   "})
    assert response.status_code == 422
