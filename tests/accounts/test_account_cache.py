"""A signed-in member's row comes from the cache (accounts/backends.py), and every save or
deletion of it shows on their very next request."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def account_reads(client, url="/") -> tuple[int, object]:
    """How many times the request read the member's row, and who it was made for."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    reads = sum("FROM accounts_user WHERE id" in q["sql"] for q in queries.captured_queries)
    return reads, response.wsgi_request.user


def test_the_members_row_is_read_once_then_kept(client, user_factory):
    client.force_login(user_factory(username="aki"))

    assert account_reads(client)[0] == 1
    reads, user = account_reads(client)
    assert reads == 0 and user.username == "aki"


def test_a_suspension_ends_the_session_on_the_next_request(client, user_factory):
    member = user_factory(username="aki")
    client.force_login(member)
    account_reads(client)

    member.is_active = False
    member.save(update_fields=["is_active"])

    assert not account_reads(client)[1].is_authenticated


def test_a_new_password_ends_other_sessions_and_a_new_name_shows(client, user_factory):
    member = user_factory(username="aki")
    client.force_login(member)
    account_reads(client)

    member.username = "akiko"
    member.save()
    reads, user = account_reads(client)
    assert reads == 1 and user.username == "akiko"
    assert "akiko" in client.get("/").content.decode()

    member.set_password("a whole new secret")
    member.save()
    assert not account_reads(client)[1].is_authenticated


def test_a_deleted_member_is_signed_out(client, user_factory):
    member = user_factory(username="aki")
    client.force_login(member)
    account_reads(client)

    get_user_model().objects.filter(pk=member.pk).delete()

    assert not account_reads(client)[1].is_authenticated
