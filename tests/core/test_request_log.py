"""With REQUEST_LOG on, each request is one line: method, address, status, time, queries and
the databases that answered them."""

import logging
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_each_request_is_one_line_with_its_time_and_query_count(caplog, title_factory):
    title = title_factory()
    caplog.set_level(logging.INFO, logger="dramadb.requests")
    client = Client()  # its middleware is made now, with the log on
    client.get(title.get_absolute_url())
    client.get("/no-such-page/")

    lines = [r.getMessage() for r in caplog.records if r.name == "dramadb.requests"]
    assert len(lines) == 2
    assert re.fullmatch(
        rf"GET {re.escape(title.get_absolute_url())} 200 \d+\.\d ms [1-9]\d* queries default",
        lines[0],
    )
    assert re.fullmatch(r"GET /no-such-page/ 404 \d+\.\d ms \d+ queries (default|-)", lines[1])


def test_nothing_is_counted_while_the_log_is_off(caplog, title_factory):
    title = title_factory()
    caplog.set_level(logging.WARNING, logger="dramadb.requests")
    Client().get(title.get_absolute_url())
    assert not [r for r in caplog.records if r.name == "dramadb.requests"]
