import re

import pytest
from django.core import mail

from accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def test_signing_up_creates_the_account_and_signs_in(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "mika",
            "email": "mika@example.test",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/users/mika/"
    assert client.get("/").context["user"].username == "mika"


def test_signing_up_with_a_taken_email_is_refused_and_keeps_the_input(client, user_factory):
    user_factory(username="first", email="Mika@Example.test")
    response = client.post(
        "/accounts/signup/",
        {
            "username": "mika",
            "email": "mika@example.test",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    html = response.content.decode()
    assert "An account with this e-mail address already exists." in html
    assert 'value="mika"' in html
    assert not User.objects.filter(username="mika").exists()


def test_signing_up_with_a_weak_password_is_refused(client):
    response = client.post(
        "/accounts/signup/",
        {"username": "mika", "email": "mika@example.test", "password1": "123", "password2": "123"},
    )
    assert "This password is too short." in response.content.decode()
    assert not User.objects.exists()


def test_signing_in_and_out(client, user):
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    # Signing out is a POST, so a link on another site cannot sign people out.
    assert client.get("/accounts/logout/").status_code == 405
    client.post("/accounts/logout/")
    assert not client.get("/").context["user"].is_authenticated


def test_a_wrong_password_says_so(client, user):
    response = client.post("/accounts/login/", {"username": "alice", "password": "nope"})
    assert "Please enter a correct username and password." in response.content.decode()


def test_signing_in_returns_to_the_page_the_user_came_from(client, user):
    response = client.post(
        "/accounts/login/?next=/search/", {"username": "alice", "password": PASSWORD}
    )
    assert response["Location"] == "/search/"


def test_a_password_can_be_changed(client, user):
    client.force_login(user)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "a much longer new secret",
            "new_password2": "a much longer new secret",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a much longer new secret")


def test_a_password_reset_link_arrives_by_email_and_works(client, user):
    client.post("/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]

    form_page = client.get(link, follow=True)
    new = "yet another long secret"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
