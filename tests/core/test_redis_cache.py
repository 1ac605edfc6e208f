"""The Redis cache backend (core/redis_cache.py): a Redis that is away answers as a miss within
the deadline, is left alone for an interval, is logged once, and the updates it missed never
leave an older value behind when it returns."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import redis

from bench.server import free_port
from core import redis_cache
from core.redis_cache import RedisCache, standing_for
from tests.servers.postgres import wait_until
from tests.servers.redis import RedisServer

# A real Redis (Debian's redis-server) and deadlines of a fifth of a second, timed: outside the
# fast loop, and by itself in `make test`.
pytestmark = [pytest.mark.slow, pytest.mark.serial]

DEADLINE = 0.2
RETRY_SECONDS = 0.5


def backend(url: str) -> RedisCache:
    options = {
        "socket_connect_timeout": DEADLINE,
        "socket_timeout": DEADLINE,
        "retry_seconds": RETRY_SECONDS,
    }
    return RedisCache(url, {"OPTIONS": options})


@pytest.fixture
def urls() -> Iterator[list[str]]:
    """The addresses a test uses; afterwards their processes' lost keys are forgotten, so the
    threads waiting to delete them end."""
    used: list[str] = []
    yield used
    for url in used:
        standing = standing_for([url], RETRY_SECONDS)
        with standing.lock:
            standing.lost.clear()
            standing.lost_all = False


@pytest.fixture
def refusing(urls: list[str]) -> str:
    """The address of a loopback port nothing listens on."""
    urls.append(f"redis://127.0.0.1:{free_port()}/0")
    return urls[-1]


@pytest.fixture
def server(tmp_path, urls: list[str]) -> Iterator[RedisServer]:
    with RedisServer(tmp_path / "redis") as found:
        urls.append(found.url)
        yield found


class Hangs:
    """A port that accepts connections and closes them at once, counting them."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.accepted += 1
            connection.close()


def warnings(caplog: pytest.LogCaptureFixture, text: str) -> list[str]:
    return [record.getMessage() for record in caplog.records if text in record.getMessage()]


@pytest.fixture
def caplog(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    # The backend's logger may not reach the root logger (settings.LOGGING): each record is
    # caught here, once.
    logger = redis_cache.log
    logger.addHandler(caplog.handler)
    logger.propagate = False
    caplog.set_level(logging.WARNING, logger=logger.name)
    yield caplog
    logger.propagate = True
    logger.removeHandler(caplog.handler)


def test_a_redis_that_refuses_connections_answers_every_call_as_a_miss(refusing):
    cache = backend(refusing)
    assert cache.get("page", "default") == "default"
    assert cache.get_many(["page", "other"]) == {}
    assert cache.set("page", "body") is False
    assert cache.set_many({"one": 1, "two": 2}) == ["one", "two"]
    assert cache.add("count", 1) is False
    assert cache.delete("page") is False
    assert cache.has_key("page") is False
    assert "page" not in cache
    with pytest.raises(ValueError):
        cache.incr("count")
    assert cache.get_or_set("page", "rendered") == "rendered"


def test_after_a_failure_redis_is_left_alone_for_the_interval_and_logged_once(urls, caplog):
    hangs = Hangs()
    urls.append(f"redis://127.0.0.1:{hangs.port}/0")
    cache = backend(urls[-1])
    started = time.monotonic()
    for _ in range(50):
        assert cache.get("page") is None
        cache.set("page", "body")
    assert time.monotonic() - started < RETRY_SECONDS
    assert hangs.accepted == 1  # one attempt; the other 99 calls answered without Redis
    time.sleep(RETRY_SECONDS + 0.1)
    assert cache.get("page") is None
    assert hangs.accepted == 2  # tried again once the interval was over
    (warning,) = warnings(caplog, "cache unreachable")
    assert "pages render without it" in warning


def test_a_hung_redis_costs_one_deadline(server, caplog):
    cache = backend(server.url)
    cache.set("page", "body")
    server.freeze()
    try:
        started = time.monotonic()
        assert cache.get("page") is None
        assert cache.get("page") is None
        assert time.monotonic() - started < DEADLINE + 0.15
    finally:
        server.thaw()
    (warning,) = warnings(caplog, "cache unreachable")
    assert "TimeoutError" in warning


def test_a_line_says_when_redis_answers_again(server, caplog):
    cache = backend(server.url)
    server.stop()
    assert cache.get("page") is None
    server.start()
    time.sleep(RETRY_SECONDS + 0.1)
    cache.set("page", "body")
    assert cache.get("page") == "body"
    assert len(warnings(caplog, "cache unreachable")) == 1
    (line,) = warnings(caplog, "cache answers again after")
    assert line.endswith("s away")


def test_updates_lost_while_redis_was_cut_off_leave_no_older_value_behind(server, caplog):
    """A page version moved and a session deleted while Redis was frozen: it kept the old
    ones, and once it answers again the process deletes them before reading anything."""
    cache = backend(server.url)
    cache.set("page-version:titles.title:1", "before the write", timeout=None)
    cache.set("session:signed-out", {"member": 1})
    server.freeze()
    try:
        assert cache.get("page") is None  # times out: Redis is left alone from here
        # Neither reaches Redis, which keeps the old values.
        assert cache.set("page-version:titles.title:1", "after the write", timeout=None) is False
        assert cache.delete("session:signed-out") is False
    finally:
        server.thaw()
    time.sleep(RETRY_SECONDS + 0.1)
    assert cache.get("page-version:titles.title:1") is None  # a miss, never the old version
    assert cache.get("session:signed-out") is None
    assert warnings(caplog, "deleted 2 keys this process failed to update")


def test_a_thread_deletes_the_lost_keys_once_redis_is_back_even_with_no_request(server):
    cache = backend(server.url)
    cache.set("page-version:news", "before")
    raw = redis.Redis.from_url(server.url)
    server.freeze()
    try:
        cache.get("page")  # times out
        cache.set("page-version:news", "after")  # not tried
    finally:
        server.thaw()
    try:
        # Nothing asks the cache; within the interval and a deadline the old value is gone.
        wait_until(lambda: raw.get(cache.make_key("page-version:news")) is None, 3, "repair")
    finally:
        raw.close()


def test_a_process_that_lost_too_many_keys_to_remember_empties_the_cache(server, monkeypatch):
    monkeypatch.setattr(redis_cache, "LOST_KEYS_KEPT", 2)
    cache = backend(server.url)
    cache.set("stored-by-another-process", "value")
    server.freeze()
    try:
        cache.get("page")  # times out
        cache.set_many({"one": 1, "two": 2, "three": 3})  # not tried
    finally:
        server.thaw()
    time.sleep(RETRY_SECONDS + 0.1)
    assert cache.get("stored-by-another-process") is None  # the whole database was emptied
    cache.set("page", "body")
    assert cache.get("page") == "body"


def test_ping_sees_past_the_soft_answers_within_the_deadline(server):
    cache = backend(server.url)
    cache.ping()
    server.freeze()
    try:
        started = time.monotonic()
        with pytest.raises(redis.TimeoutError):
            cache.ping()
        assert time.monotonic() - started < DEADLINE + 0.15
    finally:
        server.thaw()
    cache.ping()
