"""The session key changes on sign-in and on password change, so a key an attacker planted or
saw before cannot be used afterwards."""

import pytest

from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_signing_in_gives_a_new_session_key(client, member):
    client.get("/accounts/login/")
    session = client.session
    session["planted"] = "yes"
    session.save()
    before = session.session_key

    client.post("/accounts/login/", {"username": "mirae", "password": PASSWORD})

    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(member.pk)


def test_changing_the_password_gives_a_new_session_key_and_keeps_you_signed_in(client, member):
    client.post("/accounts/login/", {"username": "mirae", "password": PASSWORD})
    before = client.session.session_key
    new = "another long and unusual passphrase"

    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(member.pk)
