"""The site on real servers, as production runs it: `make serve` against a PostgreSQL primary
with a streaming replica (tests/servers/postgres.py) and a Redis server (tests/servers/redis.py).

Each request's log line names the databases that answered it, so the tests read there where
a page was read; the replica's own server says it is in recovery.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator

import pytest

from tests.servers.postgres import PostgresPair, wait_until
from tests.servers.redis import RedisServer
from tests.servers.site import Member, Serve, get, migrate_and_seed, request

# Fast checks, so that a replica that catches up is used again within a moment, and a short
# lag allowed, so that a test can wait it out.
MAX_LAG = 4
REPLICAS = {
    "REPLICA_CHECK_SECONDS": "0.2",
    "REPLICA_RETRY_SECONDS": "1",
    "REPLICA_MAX_LAG_SECONDS": str(MAX_LAG),
}
PASSWORD = "a quiet harbour at dawn 42"
RATED = "Ratings: <strong>8.0</strong>/10 from 1 user"
UNRATED = "no ratings yet"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """A primary, its replica and Redis; the schema and one title and member on the primary."""
    folder = tmp_path_factory.mktemp("servers")
    with PostgresPair(folder / "postgres") as pair, RedisServer(folder / "redis") as redis:
        pair.create_database("dramadb")
        seed = (
            "from tests.factories import TitleFactory, UserFactory;"
            "import json;"
            "title = TitleFactory(title='Harbour Lights');"
            f"member = UserFactory(username='rin'); member.set_password({PASSWORD!r});"
            "member.save();"
            "from django.contrib.contenttypes.models import ContentType;"
            "kind = ContentType.objects.get_for_model(title).pk;"
            "print(json.dumps({'page': title.get_absolute_url(), 'pk': title.pk, 'kind': kind}))"
        )
        title = json.loads(migrate_and_seed(pair.primary_url("dramadb"), seed))
        pair.wait_for_replay()
        yield pair, redis, title, folder


def site_env(pair: PostgresPair, **extra: str) -> dict[str, str]:
    return {
        "DATABASE_URL": pair.primary_url("dramadb"),
        "DATABASE_REPLICA_URLS": pair.replica_url("dramadb"),
        **REPLICAS,
        **extra,
    }


def last_databases(site: Serve, method: str, path: str) -> str:
    lines = [line for line in site.request_lines(path) if f"] {method} " in line]
    assert lines, f"no {method} {path} in the request log"
    return lines[-1].rsplit(" ", 1)[-1]


@contextlib.contextmanager
def replay_paused(pair: PostgresPair) -> Iterator[None]:
    """The replica stops replaying once it has caught up, until the block ends."""
    pair.wait_for_replay()
    pair.pause_replay()
    try:
        yield
    finally:
        pair.resume_replay()


def rate(member: Member, title: dict, score: str) -> None:
    status, _, _ = member.post(
        f"/titles/{title['pk']}/rate/", {"status": "completed", "score": score}
    )
    assert status == 302


def visitors_read_the_replica(site: Serve, page: str) -> bool:
    return get(site.url + page)[0] == 200 and last_databases(site, "GET", page) == "replica_1"


def eventually(condition, timeout: float = 20) -> None:
    wait_until(condition, timeout, "the condition")


@pytest.fixture(scope="module")
def replicated_site(servers):
    pair, _, _, folder = servers
    env = site_env(pair, PAGE_CACHE="false")
    with Serve(folder / "replicated", env) as site:
        yield site


def test_page_reads_run_on_the_replica_and_writes_on_the_primary(servers, replicated_site):
    pair, _, title, _ = servers
    site = replicated_site
    assert pair.in_recovery(pair.replica_url("dramadb"))
    assert not pair.in_recovery(pair.primary_url("dramadb"))
    # The site's own check of the replica it reads from: pg_is_in_recovery() is true there.
    status, body, _ = get(site.url + "/healthz")
    assert status == 200 and "replica_1: in recovery, replayed to " in body

    status, html, _ = get(site.url + title["page"])
    assert status == 200 and "Harbour Lights" in html
    assert last_databases(site, "GET", title["page"]) == "replica_1"

    member = Member(site.url, "rin", PASSWORD)
    status, _, _ = member.post(f"/titles/{title['pk']}/rate/", {"status": "watching"})
    assert status == 302
    assert last_databases(site, "POST", f"/titles/{title['pk']}/rate/") == "default"
    pair.wait_for_replay()


def test_a_member_sees_their_rating_at_once_while_the_replica_is_paused(servers, replicated_site):
    pair, _, title, _ = servers
    site = replicated_site
    page = title["page"]
    member = Member(site.url, "rin", PASSWORD)
    with replay_paused(pair):
        rate(member, title, "8.0")

        status, html = member.get(page)
        assert status == 200 and RATED in html
        assert last_databases(site, "GET", page) == "default"

        # Another visitor reads the replica, which has not replayed the rating yet.
        _, html, _ = get(site.url + page)
        assert UNRATED in html and RATED not in html
        assert last_databases(site, "GET", page) == "replica_1"

    pair.wait_for_replay()
    eventually(lambda: RATED in get(site.url + page)[1])
    assert last_databases(site, "GET", page) == "replica_1"
    # Once the replica has replayed the rating, the member reads from it again.
    eventually(
        lambda: RATED in member.get(page)[1] and last_databases(site, "GET", page) == "replica_1"
    )


def test_a_replica_lagging_past_the_limit_is_skipped(servers, replicated_site):
    pair, _, title, _ = servers
    site = replicated_site
    page = title["page"]
    member = Member(site.url, "rin", PASSWORD)
    with replay_paused(pair):
        rate(member, title, "9.0")
        pair.wait_for_receive()
        time.sleep(MAX_LAG + 0.5)
        # The replica holds the rating's WAL but has not replayed it for longer than the
        # limit: a visitor is served from the primary, and sees the rating.
        _, html, _ = get(site.url + page)
        assert "Ratings: <strong>9.0</strong>/10 from 1 user" in html
        assert last_databases(site, "GET", page) == "default"
    pair.wait_for_replay()
    eventually(lambda: visitors_read_the_replica(site, page))


def test_pages_answer_from_the_primary_while_the_replica_is_stopped(servers, replicated_site):
    pair, _, title, _ = servers
    site = replicated_site
    page = title["page"]
    pair.stop_replica()
    try:
        for _ in range(5):
            status, html, _ = get(site.url + page)
            assert status == 200 and "Harbour Lights" in html
            assert last_databases(site, "GET", page) == "default"
            time.sleep(0.1)
        status, body, _ = get(site.url + "/healthz")
        assert status == 200 and "replica_1: skipped" in body
    finally:
        pair.start_replica()
    eventually(lambda: visitors_read_the_replica(site, page))


def test_two_app_servers_share_the_page_cache_and_throttles_through_redis(servers):
    pair, redis, title, folder = servers
    page = title["page"]
    env = site_env(pair, REDIS_URL=redis.url, PAGE_CACHE="true", SIGNUP_RATE="2/h")
    with Serve(folder / "one", env) as one, Serve(folder / "other", env) as other:
        get(one.url + page)
        status, html, _ = get(other.url + page)
        assert status == 200 and "Harbour Lights" in html
        # Served from the page the first server stored: no query at all.
        assert other.request_lines(page)[-1].endswith(" 0 queries -")

        # A rating through one server, with the replica behind: the other server's next
        # visitor page shows it, rendered from the primary rather than from the lagging replica.
        member = Member(one.url, "rin", PASSWORD)
        with replay_paused(pair):
            rate(member, title, "6.0")
            _, html, _ = get(other.url + page)
            assert "Ratings: <strong>6.0</strong>/10 from 1 user" in html
            assert last_databases(other, "GET", page) == "default"

        # A comment through one server: the other's next visitor page shows it, made from the
        # parts either server stored with only the comments rendered again (core/part_cache.py):
        # the title, the comments' count, threads and replies, and the checks of how far the
        # replica has replayed, where a whole page reads 16 besides those checks.
        post = f"/comments/post/{title['kind']}/{title['pk']}/"
        status, _, _ = member.post(post, {"body": "Seen from the other server."})
        assert status == 302
        _, html, headers = get(other.url + page)
        assert "Seen from the other server." in html
        assert headers["X-Part-Cache"].startswith("hit 10, miss 1, ")
        queries = int(other.request_lines(page)[-1].split(" queries")[0].rsplit(" ", 1)[1])
        assert queries < 10

        # The sign-up throttle counts in Redis: two accounts from this address, one through
        # each server, and the third is refused by either.
        statuses = [
            request(
                site.url + "/accounts/signup/",
                {
                    "username": f"newcomer{number}",
                    "email": f"newcomer{number}@example.com",
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                },
                {"csrftoken": "t" * 32},
            )[0]
            for number, site in enumerate((one, other, one))
        ]
        assert statuses == [302, 302, 429]


def test_make_serve_answers_health_checks_and_stops_cleanly_on_sigterm(servers):
    pair, redis, _, folder = servers
    env = {"DATABASE_URL": pair.primary_url("dramadb"), "REDIS_URL": redis.url}
    site = Serve(folder / "serve", env)
    with site:
        status, body, _ = get(site.url + "/healthz")
        assert (status, body) == (200, "database: ok\ncache: ok\n")
        status, body, _ = get(site.url + "/readyz")
        assert status == 200 and "migrations: ok" in body

        pair.stop_primary()
        try:
            status, body, _ = get(site.url + "/healthz")
            assert status == 503 and "database: unreachable" in body
        finally:
            pair.start_primary()
        eventually(lambda: get(site.url + "/healthz")[0] == 200)

        assert len(site.group()) >= 3  # make, gunicorn's master and its workers
        site.stop()
        assert site.group() == []
        log = site.log.read_text()
        assert "Shutting down: Master" in log and "Traceback" not in log
