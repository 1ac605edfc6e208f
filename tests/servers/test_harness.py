"""The test servers do what tests will rely on: a replica that follows its primary, replay
that can be held back, servers that can be stopped and started, and a Redis that answers.

One pair of PostgreSQL servers serves the whole module, since starting it is the slow part;
each test leaves both servers running with replay going.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest

from tests.servers.postgres import PostgresPair, in_recovery, query
from tests.servers.redis import RedisServer


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresPair]:
    with PostgresPair(tmp_path_factory.mktemp("postgres")) as servers:
        servers.create_database("harness")
        servers.wait_for_replay()
        query(servers.primary_url("harness"), "CREATE TABLE note (body text)")
        yield servers


def notes(url: str) -> list[str]:
    return [body for (body,) in query(url, "SELECT body FROM note ORDER BY body")]


def test_the_replica_is_in_recovery_and_the_primary_is_not(pair: PostgresPair) -> None:
    assert in_recovery(pair.replica_url())
    assert not in_recovery(pair.primary_url())


def test_a_table_made_on_the_primary_appears_on_the_replica(pair: PostgresPair) -> None:
    query(pair.primary_url("harness"), "CREATE TABLE made_on_primary (id int)")
    query(pair.primary_url("harness"), "INSERT INTO made_on_primary VALUES (7)")
    pair.wait_for_replay()
    assert query(pair.replica_url("harness"), "SELECT id FROM made_on_primary") == [(7,)]


def test_a_row_stays_unseen_on_the_replica_while_replay_is_paused(pair: PostgresPair) -> None:
    pair.pause_replay()
    try:
        query(pair.primary_url("harness"), "INSERT INTO note VALUES ('paused')")
        # Received but not replayed: the replica has it and still must not show it.
        pair.wait_for_receive()
        assert "paused" not in notes(pair.replica_url("harness"))
    finally:
        pair.resume_replay()
    pair.wait_for_replay()
    assert "paused" in notes(pair.replica_url("harness"))


def test_a_stopped_replica_refuses_connections_until_started(pair: PostgresPair) -> None:
    pair.stop_replica()
    with pytest.raises(psycopg2.OperationalError):
        query(pair.replica_url(), "SELECT 1")
    query(pair.primary_url("harness"), "INSERT INTO note VALUES ('while the replica was down')")

    pair.start_replica()
    assert in_recovery(pair.replica_url())
    pair.wait_for_replay()
    assert "while the replica was down" in notes(pair.replica_url("harness"))


def test_the_replica_follows_a_restarted_primary(pair: PostgresPair) -> None:
    pair.stop_primary()
    with pytest.raises(psycopg2.OperationalError):
        query(pair.primary_url(), "SELECT 1")
    pair.start_primary()
    query(pair.primary_url("harness"), "INSERT INTO note VALUES ('after the restart')")
    pair.wait_for_replay()
    assert "after the restart" in notes(pair.replica_url("harness"))


def test_redis_answers_set_and_get(tmp_path: Path) -> None:
    import redis

    with RedisServer(tmp_path) as server:
        client = redis.Redis.from_url(server.url)
        try:
            client.set("greeting", "안녕")
            assert client.get("greeting") == "안녕".encode()
        finally:
            client.close()
