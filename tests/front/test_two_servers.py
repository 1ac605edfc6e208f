"""Two server processes share the page cache: a write through one shows through the other.

Each process is a gunicorn of its own (one worker each) on the test database, with the
suite's cache folder: a visitor's page stored by one is served by the other, and a rating
posted through one is on the very next page the other serves.
"""

import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.utils.crypto import get_random_string

from bench.server import Gunicorn
from tests.factories import TitleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
HOST = "127.0.0.1"


def fetch(url: str, cookie: str = "", data: bytes | None = None, token: str = ""):
    # Both servers are asked for the same host, as behind a load balancer: the page cache
    # keys hold the host, since pages name their address.
    request = urllib.request.Request(url, data=data, headers={"Cookie": cookie, "Host": HOST})
    if token:
        request.add_header("X-CSRFToken", token)
        request.add_header("Referer", url)
    with OPENER.open(request, timeout=30) as response:
        return response.read().decode(), response.headers


@pytest.fixture
def two_servers(tmp_path: Path):
    import os

    env = {
        **os.environ,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DRAMADB_DB_NAME": connection.settings_dict["NAME"],
        "LOG_LEVEL": "WARNING",
    }
    with (
        Gunicorn(env, workers=1, log=tmp_path / "a.log") as one,
        Gunicorn(env, workers=1, log=tmp_path / "b.log") as other,
    ):
        yield one.base_url, other.base_url


def test_a_write_through_one_server_shows_through_the_other(two_servers, client):
    one, other = two_servers
    title = TitleFactory(title="Two Harbours")
    page = title.get_absolute_url()

    fetch(one + page)
    _, headers = fetch(other + page)
    assert headers["X-Page-Cache"] == "hit"

    member = UserFactory()
    client.force_login(member)
    csrf = get_random_string(32)
    cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken={csrf}"
    fetch(one + f"/titles/{title.pk}/rate/", cookie, b"status=completed&score=8.0", token=csrf)

    # The rating's redirect brought the member back to the page on the first server, which
    # rendered it afresh; the other serves that new page at once.
    html, headers = fetch(other + page)
    assert "Ratings: <strong>8.0</strong>/10 from 1 user" in html
