"""Reads from PostgreSQL replicas, writes to the primary, and everyone reads their own writes.

DATABASE_REPLICA_URLS adds replicas as the aliases "replica_1", "replica_2"…. Reads go to a
replica only inside a request that changes nothing (GET or HEAD; core.middleware.ReadReplicas
opens that scope). Everything else reads from the primary: form posts, management commands,
the shell, and any read inside a transaction, so that nothing is computed from a lagging copy
and then written.

A replica serves a read only once it has replayed the primary's write-ahead log (WAL) up to
the position the read needs:
- after a member posts anything, the primary's WAL position is kept in a signed cookie, and
  that member's reads stay on the primary until a replica has replayed it (read your writes);
- a page rendered for the page cache needs the position of the newest write its versions
  name (core/page_cache.py), so a lagging replica never fills the cache with an old page.

Each process asks each replica where it stands at most every REPLICA_CHECK_SECONDS. A replica
that does not answer, is not in recovery, or lags more than REPLICA_MAX_LAG_SECONDS is skipped
until it is asked again; a replica that fails during a request makes the middleware serve the
request again from the primary.
"""

from __future__ import annotations

import contextlib
import random
import sys
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import psycopg2
from django.conf import settings
from django.core.signals import got_request_exception
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    InterfaceError,
    OperationalError,
    connections,
    router,
)
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model
from django.dispatch import receiver

PREFIX = "replica_"

# Where a replica stands: whether it is a replica at all, how far it has replayed, and, when
# it holds WAL it has not replayed yet, how long ago the newest transaction it did replay
# committed. Nothing waiting means no lag, however quiet the primary has been (and a replica
# just restarted reports a received position behind its replayed one).
STANDING_SQL = """
    SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,
           CASE WHEN pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()
                THEN coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0)
                ELSE 0
           END
"""


def aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith(PREFIX)]


def lsn_value(lsn: str) -> int:
    """A WAL position as PostgreSQL writes it ("16/B374D848") as one comparable number."""
    high, _, low = lsn.partition("/")
    return (int(high, 16) << 32) + int(low, 16)


def lsn_text(value: int) -> str:
    return f"{value >> 32:X}/{value & 0xFFFFFFFF:X}"


def written_position() -> int | None:
    """The primary's WAL position now: every transaction committed so far lies before it.

    None, without a query, when there are no replicas to compare it with.
    """
    if not aliases():
        return None
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
        return lsn_value(cursor.fetchone()[0])


@dataclass
class Standing:
    # How far the replica has replayed; None while it is skipped (down, lagging, a primary).
    replayed: int | None
    next_check: float


# Per process: a check is one query to one replica, made at most every REPLICA_CHECK_SECONDS,
# or REPLICA_RETRY_SECONDS after the replica failed to answer. Checks have a connection of
# their own, so they never count among a page's queries nor disturb its connection.
_standings: dict[str, Standing] = {}
_probes: dict[str, Any] = {}


def standing(alias: str) -> Standing:
    now = time.monotonic()
    if (known := _standings.get(alias)) is not None and now < known.next_check:
        return known
    try:
        if (probe := _probes.get(alias)) is None or probe.closed:
            wrapper = connections[alias]
            probe = _probes[alias] = wrapper.get_new_connection(wrapper.get_connection_params())
            probe.autocommit = True
        with probe.cursor() as cursor:
            cursor.execute(STANDING_SQL)
            in_recovery, replayed, lag = cursor.fetchone()
    except psycopg2.Error:  # the driver's own: this connection is not wrapped by Django
        return skip(alias)
    usable = in_recovery and replayed is not None and lag <= settings.REPLICA_MAX_LAG_SECONDS
    known = Standing(lsn_value(replayed) if usable else None, now + settings.REPLICA_CHECK_SECONDS)
    _standings[alias] = known
    return known


def skip(alias: str) -> Standing:
    """Leave a replica that failed alone for REPLICA_RETRY_SECONDS."""
    if (probe := _probes.pop(alias, None)) is not None:
        with contextlib.suppress(psycopg2.Error):
            probe.close()
    with contextlib.suppress(DatabaseError):
        connections[alias].close()
    _standings[alias] = Standing(None, time.monotonic() + settings.REPLICA_RETRY_SECONDS)
    return _standings[alias]


@dataclass
class Reads:
    """Where one request's reads may go, and where they went."""

    needed: int = 0  # the WAL position a replica must have replayed to serve them
    alias: str | None = None  # the replica chosen, once a read asked
    used: set[str] = field(default_factory=set)
    failed: bool = False  # a replica failed under a read: the request is served again

    def choose(self) -> str:
        if self.alias is not None and self.alias != DEFAULT_DB_ALIAS:
            replayed = standing(self.alias).replayed
            if replayed is None or replayed < self.needed:
                self.alias = None
        if self.alias is None:
            candidates = aliases()
            random.shuffle(candidates)
            self.alias = next(
                (
                    alias
                    for alias in candidates
                    if (replayed := standing(alias).replayed) is not None
                    and replayed >= self.needed
                ),
                DEFAULT_DB_ALIAS,
            )
        self.used.add(self.alias)
        return self.alias


_reads: ContextVar[Reads | None] = ContextVar("replica_reads", default=None)


@contextlib.contextmanager
def replica_reads(needed: int = 0) -> Iterator[Reads]:
    """Let the reads inside go to a replica that has replayed up to `needed`."""
    reads = Reads(needed=needed)
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


@contextlib.contextmanager
def primary_reads() -> Iterator[None]:
    token = _reads.set(None)
    try:
        yield
    finally:
        _reads.reset(token)


@receiver(got_request_exception)
def skip_failed_replicas(sender: Any, **kwargs: Any) -> None:
    """A request that failed on a lost connection skips the replicas it read from."""
    reads = _reads.get()
    if reads is None or not isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return
    if replicas_used := reads.used - {DEFAULT_DB_ALIAS}:
        for alias in replicas_used:
            skip(alias)
        reads.failed = True


def read_at_least(position: int) -> None:
    """The reads from here on must see every write up to `position`."""
    if (reads := _reads.get()) is not None and position > reads.needed:
        reads.needed = position


def read_connection(model: type[Model]) -> BaseDatabaseWrapper:
    """Where a read in plain SQL of `model`'s table goes: a replica where the router allows."""
    return connections[router.db_for_read(model)]


class ReplicaRouter:
    """Writes and migrations on the primary; reads on a replica where core.replicas allows."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        reads = _reads.get()
        if reads is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return reads.choose()

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        return True  # every alias holds the same data

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS  # replicas follow the primary's schema by replication
