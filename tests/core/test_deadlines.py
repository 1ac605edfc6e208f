"""A deadline on a database connection (core/deadlines.py), against a server that accepts
connections and never answers: a loopback socket nobody reads, as a stopped server looks."""

import socket
import time

import psycopg2
import pytest
from psycopg2 import extensions

from core import deadlines


@pytest.fixture
def silent_server():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)  # the kernel completes connections; nothing ever reads them
        yield server.getsockname()[1]


@pytest.fixture
def callback_restored():
    before = extensions.get_wait_callback()
    yield
    extensions.set_wait_callback(before)


def test_connecting_to_a_server_that_never_answers_gives_up_at_the_deadline(
    silent_server, callback_restored
):
    started = time.monotonic()
    # An OperationalError, which Django and core/replicas.py read as a lost connection.
    with pytest.raises(psycopg2.OperationalError, match=r"no answer within 0\.3 s"):
        psycopg2.connect(
            host="127.0.0.1",
            port=silent_server,
            dbname="any",
            user="any",
            connection_factory=deadlines.within(0.3),
        )
    assert 0.3 <= time.monotonic() - started < 1.5


def test_connections_without_a_deadline_work_as_before(django_db_blocker, callback_restored):
    from django.db import connection

    deadlines.install()
    with django_db_blocker.unblock():
        params = connection.get_connection_params()
        plain = connection.get_new_connection(params)
        try:
            with plain.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(0.5), 7")
                assert cursor.fetchone()[1] == 7
        finally:
            plain.close()


def test_a_slow_query_on_a_connection_with_a_deadline_gives_up(
    django_db_blocker, callback_restored
):
    from django.db import connection

    with django_db_blocker.unblock():
        params = connection.get_connection_params()
        params["connection_factory"] = deadlines.within(0.3)
        timed = connection.get_new_connection(params)
        with pytest.raises(deadlines.TimedOut), timed.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")
        assert timed.closed
