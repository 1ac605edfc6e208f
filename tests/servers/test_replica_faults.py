"""Replicas that fail without dying, on real servers: `make serve` against a primary with two
streaming replicas (tests/servers/postgres.py).

- A replica that hangs (every process stopped with SIGSTOP: the kernel still accepts its
  connections, so only the site's own deadlines help) costs a request about a second, once,
  and is then skipped like a dead one; /healthz answers at once.
- A replica whose WAL stream stalls is skipped once it is older than the lag limit, measured
  against the primary's position, and a member reads their own writes whatever the lag check
  says; with one replica paused and one current, the member reads from the current one.
- A write that waits for a row lock never lets the page cache keep a page older than the
  versions it is stored under, while both replicas have paused replay.
"""

from __future__ import annotations

import contextlib
import json
import re
import signal
import statistics
import threading
import time
from collections.abc import Iterator

import psycopg2
import pytest

from tests.servers.postgres import PostgresPair, query, value, wait_until
from tests.servers.site import Member, Serve, get, migrate_and_seed

MAX_LAG = 4
CHECK = 0.2
REPLICAS = {
    "REPLICA_CHECK_SECONDS": str(CHECK),
    "REPLICA_RETRY_SECONDS": "2",
    "REPLICA_MAX_LAG_SECONDS": str(MAX_LAG),
}
# How long a member's write position was kept before: the lag limit, one check and a second.
OLD_COOKIE_LIFE = MAX_LAG + CHECK + 1
PASSWORD = "a quiet harbour at dawn 42"
READERS = 8


def rated(score: str) -> str:
    return f"Ratings: <strong>{score}</strong>/10 from 1 user"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """A primary and two replicas; the schema, one title and one member on the primary."""
    folder = tmp_path_factory.mktemp("replica-faults")
    with PostgresPair(folder / "postgres", replicas=2) as pair:
        pair.create_database("dramadb")
        seed = (
            "from tests.factories import TitleFactory, UserFactory;"
            "import json;"
            "title = TitleFactory(title='Lantern Street');"
            f"member = UserFactory(username='sora'); member.set_password({PASSWORD!r});"
            "member.save();"
            "print(json.dumps({'page': title.get_absolute_url(), 'pk': title.pk}))"
        )
        title = json.loads(migrate_and_seed(pair.primary_url("dramadb"), seed))
        pair.wait_for_replay()
        yield pair, title, folder


def serve(pair: PostgresPair, folder, name: str, **extra: str) -> Serve:
    env = {
        "DATABASE_URL": pair.primary_url("dramadb"),
        "DATABASE_REPLICA_URLS": ",".join(pair.replica_urls("dramadb")),
        **REPLICAS,
        **extra,
    }
    return Serve(folder / name, env)


def databases_of(site: Serve, path: str, since: int) -> list[str]:
    """The databases named by the request log's lines for GET `path`, from line `since` on."""
    lines = site.log_lines()[since:]
    return [line.rsplit(" ", 1)[-1] for line in lines if f"] GET {path} " in line]


def rate(member: Member, title: dict, score: str) -> None:
    status, _, _ = member.post(
        f"/titles/{title['pk']}/rate/", {"status": "completed", "score": score}
    )
    assert status == 302


@contextlib.contextmanager
def stopped(processes) -> Iterator[None]:
    """The processes stopped with SIGSTOP until the block ends: hung, not dead."""
    for process in processes:
        process.send_signal(signal.SIGSTOP)
    try:
        yield
    finally:
        for process in processes:
            process.send_signal(signal.SIGCONT)


class Readers:
    """Visitors reading `paths` in `count` threads until stopped: each answer's status and
    time, and any request that got no answer at all."""

    def __init__(self, site: Serve, paths: list[str], count: int = READERS) -> None:
        self.site, self.paths = site, paths
        self.answers: list[tuple[int, float]] = []
        self.failures: list[str] = []
        self.done = threading.Event()
        self.threads = [threading.Thread(target=self._read, args=(n,)) for n in range(count)]

    def _read(self, number: int) -> None:
        turn = number
        while not self.done.is_set():
            path = self.paths[turn % len(self.paths)]
            turn += 1
            started = time.monotonic()
            try:
                status = get(self.site.url + path, timeout=10)[0]
            except OSError as error:
                self.failures.append(f"{path}: {error!r}")
                continue
            self.answers.append((status, time.monotonic() - started))

    def __enter__(self) -> Readers:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def errors(self) -> list[int]:
        return [status for status, _ in self.answers if status >= 500]

    def slowest(self) -> float:
        return max(seconds for _, seconds in self.answers)


def test_a_hung_replica_costs_a_request_a_second_at_most_and_is_skipped(servers):
    pair, title, folder = servers
    pages = [title["page"], "/", "/top/"]
    # Production's retry interval: a replica that failed is asked again every 10 s, not every 2.
    with serve(pair, folder, "hung", PAGE_CACHE="false", REPLICA_RETRY_SECONDS="10") as site:
        health: list[tuple[int, float, str]] = []
        with Readers(site, pages) as readers:
            time.sleep(2)
            with stopped(pair.replicas[1].processes()):
                hung_until = time.monotonic() + 30
                while time.monotonic() < hung_until:
                    started = time.monotonic()
                    try:
                        status, body, _ = get(site.url + "/healthz", timeout=10)
                    except OSError as error:
                        status, body = 0, repr(error)
                    health.append((status, time.monotonic() - started, body))
                    time.sleep(1)
            since = len(site.log_lines())
            # Back from the pause, the replica serves pages again.
            wait_until(
                lambda: "replica_2" in databases_of(site, title["page"], since),
                30,
                "replica_2 serving again",
            )
        answers = readers.answers
        print(
            f"{len(answers)} answers, {len(readers.errors())} ≥ 500, "
            f"{len(readers.failures)} unanswered, slowest {readers.slowest():.2f} s, "
            f"median {statistics.median(s for _, s in answers) * 1000:.0f} ms; "
            f"/healthz slowest {max(s for _, s, _ in health):.2f} s"
        )
        assert readers.failures == []
        assert readers.errors() == []
        assert readers.slowest() <= 3
        assert all(status == 200 for status, _, _ in health)
        assert max(seconds for _, seconds, _ in health) <= 2
        assert any("replica_2: skipped" in body for _, _, body in health)


def test_a_stalled_stream_is_skipped_and_a_member_still_reads_their_own_write(servers):
    pair, title, folder = servers
    page = title["page"]
    primary = pair.primary_url("dramadb")
    query(primary, "CREATE TABLE IF NOT EXISTS heartbeat (at timestamptz)")
    with serve(pair, folder, "stalled", PAGE_CACHE="false") as site:
        member = Member(site.url, "sora", PASSWORD)
        score = "7.0" if rated("7.0") not in member.get(page)[1] else "8.0"
        pair.wait_for_replay()
        with stopped([pair.walreceiver(1)]):
            stalled_at = time.monotonic()
            rate(member, title, score)
            missed = reads = 0
            # The primary keeps writing while the member reads their page, past the time
            # their write position used to be forgotten.
            while time.monotonic() < stalled_at + OLD_COOKIE_LIFE + 3:
                query(primary, "INSERT INTO heartbeat VALUES (now())")
                reads += 1
                missed += rated(score) not in member.get(page)[1]
                time.sleep(0.1)
            # Without the write position at all (another device, a cleared cookie), only the
            # lag check keeps the member off the stalled replica.
            without_position = {k: v for k, v in member.cookies.items() if k != "written"}
            since = len(site.log_lines())
            for _ in range(20):
                query(primary, "INSERT INTO heartbeat VALUES (now())")
                missed += rated(score) not in get(site.url + page, without_position)[1]
                missed += rated(score) not in get(site.url + page)[1]
                reads += 2
            used = databases_of(site, page, since)
            status, body, _ = get(site.url + "/healthz")
        print(f"{missed} of {reads} reads missed the write; databases after the limit: {used}")
        assert missed == 0
        assert "replica_2" not in used and "replica_1" in used
        assert status == 200 and "replica_2: skipped" in body and "behind the primary" in body
        assert any(
            re.search(r"replica_2 skipped: [\d.]+ s behind the primary", line)
            for line in site.log_lines()
        )
        pair.wait_for_replay()
        since = len(site.log_lines())
        wait_until(
            lambda: get(site.url + page) and "replica_2" in databases_of(site, page, since),
            20,
            "replica_2 serving again",
        )


def test_a_member_reads_their_writes_with_one_replica_paused_and_one_current(servers):
    pair, title, folder = servers
    page = title["page"]
    with serve(pair, folder, "own-writes", PAGE_CACHE="false") as site:
        member = Member(site.url, "sora", PASSWORD)
        pair.wait_for_replay()
        since = len(site.log_lines())
        missed = reads = 0
        with contextlib.ExitStack() as paused:
            pair.pause_replay(index=0)
            paused.callback(pair.resume_replay, index=0)
            for score in ("4.0", "5.0", "4.0"):
                rate(member, title, score)
                for _ in range(10):
                    reads += 1
                    missed += rated(score) not in member.get(page)[1]
            used = databases_of(site, page, since)
        print(f"{missed} of {reads} reads missed the member's write; read from {set(used)}")
        assert missed == 0
        assert "replica_1" not in used and "replica_2" in used


def waiting_for_a_lock(primary: str) -> bool:
    waiting = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
    return bool(value(primary, waiting))


def test_a_write_waiting_for_a_lock_never_lets_the_cache_keep_an_old_page(servers):
    pair, title, folder = servers
    page = title["page"]
    primary = pair.primary_url("dramadb")
    trials, stale = 20, []
    with serve(pair, folder, "race", PAGE_CACHE="true") as site:
        member = Member(site.url, "sora", PASSWORD)
        for trial in range(trials):
            pair.wait_for_replay()
            for index in range(2):
                pair.pause_replay(index=index)
            try:
                # A rating the replicas have not replayed: every page must show it now.
                score = ("5.0", "6.0")[trial % 2]
                rate(member, title, score)
                # Another write to the same title waits for the statistics row's lock.
                holder = psycopg2.connect(primary)
                try:
                    with holder.cursor() as cursor:
                        cursor.execute(
                            "SELECT 1 FROM reviews_titlestats WHERE title_id = %s FOR UPDATE",
                            [title["pk"]],
                        )
                    writer = threading.Thread(target=rate, args=(member, title, "9.0"))
                    writer.start()
                    wait_until(lambda: waiting_for_a_lock(primary), 10, "a write waiting")
                    # The first visitor renders the page and the cache keeps it; the second
                    # is served what was kept.
                    for _ in range(2):
                        status, html, _ = get(site.url + page)
                        assert status == 200
                        if rated(score) not in html:
                            stale.append(trial)
                finally:
                    holder.rollback()
                    holder.close()
                writer.join(timeout=30)
            finally:
                for index in range(2):
                    pair.resume_replay(index=index)
        # Once the waiting write is done, every visitor sees it.
        assert rated("9.0") in get(site.url + page)[1]
    print(f"{len(stale)} stale pages in {trials} trials: {stale}")
    assert stale == []
