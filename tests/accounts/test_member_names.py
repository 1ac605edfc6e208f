"""Member names are normalised and compared as they look: no one can sign up as a name that
passes for a member's (other case, full-width letters, lookalike letters of another script)."""

import pytest
from django.contrib.auth import get_user_model

from accounts.names import name_key

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase"


def sign_up(client, username: str, email: str = "new@example.test"):
    data = {"username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD}
    return client.post("/accounts/signup/", data)


@pytest.fixture
def admin_exists(user_factory):
    return user_factory(username="admin")


@pytest.mark.parametrize("name", ["Admin", "ADMIN", "ａｄｍｉｎ", "аdmin", "admіn"])
def test_a_name_that_passes_for_an_existing_one_is_refused(client, admin_exists, name):
    response = sign_up(client, name)
    html = response.content.decode()
    assert response.status_code == 422
    assert any(
        reason in html
        for reason in [
            "looks the same as a member",
            "mixes letters of different alphabets",
            "A user with that username already exists.",
        ]
    )
    assert get_user_model().objects.count() == 1


def test_a_name_mixing_lookalike_alphabets_is_refused_even_when_free(client):
    response = sign_up(client, "pаypal")  # a Cyrillic "а"
    assert response.status_code == 422
    assert "mixes letters of different alphabets" in response.content.decode()


@pytest.mark.parametrize("name", ["沢尻エリカ", "Ярослав", "Zoë", "kiko_22"])
def test_ordinary_names_in_any_script_are_welcome(client, name):
    assert sign_up(client, name).status_code == 302
    assert get_user_model().objects.get(username=name).name_key == name_key(name)


def test_full_width_letters_are_stored_normalised(client):
    sign_up(client, "ｍｉｎａ")
    assert get_user_model().objects.get().username == "mina"


def test_the_email_address_is_normalised(client):
    sign_up(client, "mina", email="  Mina@EXAMPLE.Test ")
    assert get_user_model().objects.get().email == "Mina@example.test"


def test_an_address_in_use_in_another_case_is_refused(client, user_factory):
    user_factory(username="first", email="mina@example.test")
    response = sign_up(client, "second", email="MINA@example.test")
    assert response.status_code == 422
    assert "already exists" in response.content.decode()
