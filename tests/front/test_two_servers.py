"""Two server processes share the page cache: a write through one shows through the other.

Each process is a gunicorn of its own (one worker each) on the test database, with the
suite's cache folder: a visitor's page stored by one is served by the other, and a rating
posted through one is on the very next page the other serves.
"""

from pathlib import Path

import pytest
from django.db import connection
from django.utils.crypto import get_random_string

from bench.server import Gunicorn
from tests.factories import TitleFactory, UserFactory
from tests.servers.site import get, request

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


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

    get(one + page)
    _, _, headers = get(other + page)
    assert headers["X-Page-Cache"] == "hit"

    member = UserFactory()
    client.force_login(member)
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": get_random_string(32)}
    rating = {"status": "completed", "score": "8.0"}
    assert request(one + f"/titles/{title.pk}/rate/", rating, cookies)[0] == 302
    get(one + page, cookies)

    # The rating's redirect brought the member back to the page on the first server, which
    # rendered it afresh; the other serves that new page at once.
    _, html, _ = get(other + page)
    assert "Ratings: <strong>8.0</strong>/10 from 1 user" in html
