"""Redis away under two app servers that share it (core/redis_cache.py).

Stopped for 20 seconds: visitors read a few pages from both servers all along, and while it
is away a member signs in, rates the title, comments on it, reads their pages and signs out.
No answer may be a server error. Once Redis is started again (empty, on the same port),
visitors' pages come from the page cache again within seconds, and each process has logged
Redis's absence once rather than a traceback per request.

Frozen for a moment instead (a network cut: it keeps its data): what changed meanwhile is not
undone by what Redis still holds once it answers again.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest

from tests.servers.postgres import PostgresPair
from tests.servers.redis import RedisServer
from tests.servers.site import Member, Serve, get, migrate_and_seed

AWAY_SECONDS = 20
# Pages come from the page cache again this soon after Redis returns.
BACK_WITHIN_SECONDS = 10
# How many "cache unreachable" lines one process may write for one absence.
WARNINGS_PER_PROCESS = 2
PASSWORD = "a quiet harbour at dawn 42"
COMMENT = "Watched it twice while the cache was away."


@dataclass
class Answer:
    who: str  # "visitor" or "member"
    what: str  # "GET /titles/1-x/"
    status: int  # 0 when the request itself failed (refused, timed out)
    cache: str  # X-Page-Cache: "hit", "miss" or ""
    at: float = field(default_factory=time.monotonic)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """A PostgreSQL primary with the schema, one title and one member; and Redis."""
    folder = tmp_path_factory.mktemp("cache-away")
    with PostgresPair(folder / "postgres") as pair, RedisServer(folder / "redis") as redis:
        pair.create_database("dramadb")
        seed = (
            "import json;"
            "from django.contrib.contenttypes.models import ContentType;"
            "from tests.factories import TitleFactory, UserFactory;"
            "title = TitleFactory(title='Harbour Lights');"
            f"member = UserFactory(username='rin'); member.set_password({PASSWORD!r});"
            "member.save();"
            "kind = ContentType.objects.get_for_model(title).pk;"
            "print(json.dumps({'page': title.get_absolute_url(), 'pk': title.pk, 'kind': kind}))"
        )
        title = json.loads(migrate_and_seed(pair.primary_url("dramadb"), seed))
        yield pair, redis, title, folder


class Browser(Member):
    """A member's cookies across requests, noting every answer rather than asserting one."""

    def __init__(self, base_url: str, answers: list[Answer]) -> None:
        self.base_url = base_url
        self.jar = {"csrftoken": ("t" * 32, math.inf)}
        self.answers = answers

    def read(self, path: str) -> str:
        status, text = self.get(path)
        self.answers.append(Answer("member", f"GET {path}", status, ""))
        return text

    def send(self, path: str, data: dict[str, str]) -> int:
        status, _, _ = self.post(path, data)
        self.answers.append(Answer("member", f"POST {path}", status, ""))
        return status


class Visitors:
    """Readers going round `pages` on every server until stopped, a moment between reads."""

    def __init__(self, sites: list[Serve], pages: list[str], readers: int = 2) -> None:
        self.sites = sites
        self.pages = pages
        self.answers: list[Answer] = []
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._read, args=(n,)) for n in range(readers)]

    def __enter__(self) -> Visitors:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def _read(self, number: int) -> None:
        turn = number
        while not self.stopping.is_set():
            site = self.sites[turn % len(self.sites)]
            page = self.pages[turn % len(self.pages)]
            try:
                status, _, headers = get(site.url + page)
                cache = headers.get("X-Page-Cache", "")
            except OSError:
                status, cache = 0, ""
            self.answers.append(Answer("visitor", f"GET {page}", status, cache))
            turn += 1
            self.stopping.wait(0.05)


def from_the_page_cache(site: Serve, page: str) -> bool:
    """Whether a visitor's read of `page` is answered from the page cache (the first read
    after the cache emptied stores it)."""
    status, _, headers = get(site.url + page)
    return status == 200 and headers.get("X-Page-Cache") == "hit"


def server_errors(answers: list[Answer]) -> Counter[tuple[str, str, int]]:
    return Counter((a.who, a.what, a.status) for a in answers if a.status >= 500 or a.status == 0)


def warnings_per_process(site: Serve, text: str) -> Counter[str]:
    """The processes (by id) that logged `text`, and how often."""
    pattern = re.compile(r"\] \[(\d+)\] " + re.escape(text))
    return Counter(match[1] for line in site.log_lines() if (match := pattern.search(line)))


@pytest.fixture(scope="module")
def sites(servers):
    """Two app servers sharing Redis, with the page cache on."""
    pair, redis, _, folder = servers
    env = {
        "DATABASE_URL": pair.primary_url("dramadb"),
        "REDIS_URL": redis.url,
        "PAGE_CACHE": "true",
    }
    with Serve(folder / "one", env) as one, Serve(folder / "other", env) as other:
        yield one, other


def test_the_site_answers_without_redis_and_uses_it_again_once_it_is_back(servers, sites):
    _, redis, title, _ = servers
    page = title["page"]
    one, other = sites
    for site in sites:
        get(site.url + page)
        assert from_the_page_cache(site, page)
    member: list[Answer] = []
    with Visitors(list(sites), [page, "/", "/titles/", "/top/"]) as visitors:
        time.sleep(1)
        redis.stop()
        away_from = time.monotonic()
        try:
            health = get(one.url + "/healthz")[:2]
            # Signed in through one server, and known to the other: sessions are read from
            # the database.
            browser = Browser(one.url, member)
            browser.send("/accounts/login/", {"username": "rin", "password": PASSWORD})
            browser.send(f"/titles/{title['pk']}/rate/", {"status": "completed", "score": "8.0"})
            browser.send(f"/comments/post/{title['kind']}/{title['pk']}/", {"body": COMMENT})
            browser.base_url = other.url
            html = browser.read(page)
            seen = "Ratings: <strong>8.0</strong>/10 from 1 user" in html and COMMENT in html
            browser.read("/users/rin/")
            browser.read("/users/rin/list/")
            browser.send("/accounts/logout/", {})
            browser.base_url = one.url
            signed_out = browser.get("/accounts/settings/profile/")[0] == 302
            time.sleep(max(0.0, AWAY_SECONDS - (time.monotonic() - away_from)))
        finally:
            redis.start()
        back_at = time.monotonic()
        # Back once three reads in a row come from the page cache: each process deletes the
        # keys it failed to update as it finds Redis again, and a deletion after the first hit
        # costs one more miss.
        hits = dict.fromkeys(sites, 0)
        # The deletions are done within a retry interval and a deadline of Redis's return.
        settled = back_at + 1.5
        while (min(hits.values()) < 3 or time.monotonic() < settled) and (
            time.monotonic() < back_at + BACK_WITHIN_SECONDS
        ):
            for site in sites:
                hits[site] = hits[site] + 1 if from_the_page_cache(site, page) else 0
            time.sleep(0.2)
        back_after = time.monotonic() - back_at
    assert min(hits.values()) >= 3, f"not from the page cache {BACK_WITHIN_SECONDS} s after"
    # Read once more now that nobody else reads: the stored page, and no query at all.
    assert from_the_page_cache(one, page)
    assert one.request_lines(page)[-1].endswith(" 0 queries -")

    answers = visitors.answers + member
    away = [a for a in answers if away_from <= a.at < back_at]
    print(
        f"\nwhile Redis was away: {sum(a.who == 'visitor' for a in away)} visitor reads, "
        f"{sum(a.who == 'member' for a in away)} member requests; server errors: "
        f"{sum(server_errors(away).values())} then, {sum(server_errors(answers).values())} "
        f"in all; page cache back after {back_after:.1f} s"
    )
    assert not server_errors(answers), f"answers that failed: {server_errors(answers)}"
    assert seen, "the member's rating and comment were not on the title page"
    assert signed_out, "signing out did not take"
    assert health == (200, "database: ok\ncache: unreachable: ConnectionError\n")
    for site in sites:
        assert "Traceback" not in site.log.read_text()
        noticed = warnings_per_process(site, "cache unreachable")
        assert noticed, "no process said that Redis was away"
        assert max(noticed.values()) <= WARNINGS_PER_PROCESS, noticed
        assert warnings_per_process(site, "cache answers again")


def test_what_changed_while_redis_was_cut_off_is_not_undone_when_it_returns(servers, sites):
    """Redis frozen (a network cut: it keeps its data) while a member rates the title and
    signs out: once it answers again, neither the page from before the rating nor the
    signed-out session is served from it."""
    _, redis, title, _ = servers
    page = title["page"]
    one, other = sites
    browser = Browser(one.url, [])
    assert browser.send("/accounts/login/", {"username": "rin", "password": PASSWORD}) == 302
    signed_in = dict(browser.cookies)
    assert get(other.url + "/accounts/settings/profile/", signed_in)[0] == 200  # from Redis
    for site in sites:
        get(site.url + page)
        assert from_the_page_cache(site, page)  # stored with the rating before this one

    rating = {"status": "completed", "score": "6.0"}
    redis.freeze()
    try:
        assert browser.send(f"/titles/{title['pk']}/rate/", rating) == 302
        assert browser.send("/accounts/logout/", {}) == 302
    finally:
        redis.thaw()
    # Each process that missed an update deletes it once Redis answers: within the interval
    # it leaves Redis alone (1 s) and one deadline, here with time to spare.
    time.sleep(2)
    assert get(other.url + "/accounts/settings/profile/", signed_in)[0] == 302
    for site in sites:
        assert "Ratings: <strong>6.0</strong>/10 from 1 user" in get(site.url + page)[1]
        assert "Traceback" not in site.log.read_text()
