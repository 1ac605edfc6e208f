"""Throttles: sign-in lockout per name and address, sign-up and password-reset mails, and
writing per member per minute. Each answers 429 with a message, keeping what was typed."""

import pytest
from django.core import mail
from django.core.management import call_command

from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, password: str):
    return client.post("/accounts/login/", {"username": "mirae", "password": password})


def test_the_sixth_try_is_refused_even_with_the_right_password(client, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong").status_code == 422
    assert sign_in(client, "wrong").status_code == 429  # the fifth locks the name
    response = sign_in(client, PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert "signing in is paused for 15 minutes" in html
    assert 'value="mirae"' in html  # the name typed stays in the form
    assert "_auth_user_id" not in client.session


def test_an_admin_unlocks_a_locked_name(client, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong")
    call_command("axes_reset_username", "mirae", verbosity=0)
    assert sign_in(client, PASSWORD).status_code == 302


def test_the_admin_sign_in_is_locked_too(client, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "mirae", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "mirae", "password": PASSWORD})
    assert response.status_code == 429


def test_a_success_forgets_earlier_failures(client, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302


def test_sign_ups_from_one_address_are_throttled(client, settings):
    settings.SIGNUP_RATE = "2/h"
    for n in range(2):
        data = {"username": f"new{n}", "email": f"new{n}@example.test",
                "password1": PASSWORD, "password2": PASSWORD}  # fmt: skip
        assert client.post("/accounts/signup/", data).status_code == 302
        client.logout()
    data = {"username": "third", "email": "third@example.test",
            "password1": PASSWORD, "password2": PASSWORD}  # fmt: skip
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 429
    assert "You are doing that too often" in response.content.decode()
    assert 'value="third"' in response.content.decode()


def test_password_reset_mails_are_throttled_per_address(client, member, settings):
    settings.PASSWORD_RESET_RATE_PER_ADDRESS = "2/h"
    for _ in range(2):
        client.post("/accounts/password/reset/", {"email": member.email})
    response = client.post("/accounts/password/reset/", {"email": member.email.upper()})
    assert response.status_code == 429
    assert len(mail.outbox) == 2


def test_password_reset_mails_are_throttled_per_client(client, member, settings):
    settings.PASSWORD_RESET_RATE_PER_CLIENT = "2/h"
    for n in range(2):
        client.post("/accounts/password/reset/", {"email": f"someone{n}@example.test"})
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 429
    assert mail.outbox == []


def test_behind_a_proxy_each_visitor_is_counted_by_their_own_address(client, member, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}

    def attempt(visitor: str, password: str):
        data = {"username": "mirae", "password": password}
        forwarded = f"10.9.9.9, {visitor}"  # the left entry is the visitor's to invent
        return client.post("/accounts/login/", data, HTTP_X_FORWARDED_FOR=forwarded, **proxy)

    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt("203.0.113.7", "wrong")
    assert attempt("203.0.113.7", PASSWORD).status_code == 429
    # Another visitor behind the same proxy is not locked out by the first one's mistakes.
    assert attempt("198.51.100.4", PASSWORD).status_code == 302


def test_without_trusted_proxies_the_forwarded_header_is_ignored(rf, settings):
    from core.http import client_ip

    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="192.0.2.1")
    assert client_ip(request) == "192.0.2.1"
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7, 10.0.0.2")
    assert client_ip(request) == "203.0.113.7"


def test_refused_sign_up_forms_do_not_count_against_the_limit(client, settings):
    settings.SIGNUP_RATE = "1/h"
    for _ in range(3):
        bad = {"username": "typo", "email": "not-an-address", "password1": "x", "password2": "y"}
        assert client.post("/accounts/signup/", bad).status_code == 422
    good = {"username": "careful", "email": "careful@example.test",
            "password1": PASSWORD, "password2": PASSWORD}  # fmt: skip
    assert client.post("/accounts/signup/", good).status_code == 302
