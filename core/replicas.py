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
  name (core/versions.py), so a lagging replica never fills the cache with an old page.

Each process asks each replica where it stands at most every REPLICA_CHECK_SECONDS, and the
primary how far it has written, each question bounded by REPLICA_CHECK_TIMEOUT. A replica
that does not answer in time, is not in recovery, or is more than REPLICA_MAX_LAG_SECONDS
behind the primary is skipped until it is asked again. How far behind is measured against
the primary's own positions, kept from the last checks: a replica whose stream has stalled
has replayed everything it received, and only the primary shows how much it is missing.

Every connection to a replica and every query on it has a deadline (core/replica_db), so a
replica that hangs fails like one that died: the middleware serves the request again from
the primary, and the replica is left alone for REPLICA_RETRY_SECONDS.
"""

from __future__ import annotations

import contextlib
import logging
import random
import sys
import time
from collections import deque
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

from core import deadlines

PREFIX = "replica_"
LOG = logging.getLogger("dramadb.replicas")

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
    # What the last check found, for /healthz.
    found: str = "not asked yet"

    def describe(self) -> str:
        if self.replayed is None:
            return f"skipped: {self.found}"
        return f"in recovery, replayed to {lsn_text(self.replayed)}, {self.found}"


# Per process: a check is one query to one replica, made at most every REPLICA_CHECK_SECONDS,
# or REPLICA_RETRY_SECONDS after the replica failed to answer. Checks have connections of
# their own, so they never count among a page's queries nor disturb its connection.
_standings: dict[str, Standing] = {}
_probes: dict[str, Any] = {}
# The primary's WAL positions at the last checks, oldest first: (when, position); and until
# when a primary that did not answer is not asked again.
_written: deque[tuple[float, int]] = deque()
_primary_silent_until = 0.0


def standing(alias: str) -> Standing:
    now = time.monotonic()
    if (known := _standings.get(alias)) is not None and now < known.next_check:
        return known
    primary_answered = _ask_primary(now)
    try:
        with _probe(alias).cursor() as cursor:
            cursor.execute(STANDING_SQL)
            in_recovery, replayed, unreplayed_for = cursor.fetchone()
    except psycopg2.Error as error:  # the driver's own: this connection is not wrapped by Django
        return skip(alias, first_line(error))
    if not in_recovery or replayed is None:
        return _checked(alias, None, "not in recovery")
    position = lsn_value(replayed)
    lag = max(unreplayed_for, _behind_primary(position, now) if primary_answered else 0.0)
    if lag > settings.REPLICA_MAX_LAG_SECONDS:
        return _checked(alias, None, f"{lag:.1f} s behind the primary")
    return _checked(alias, position, f"{lag:.1f} s behind the primary")


def _checked(alias: str, replayed: int | None, found: str) -> Standing:
    known = _standings.get(alias)
    if replayed is None and (known is None or known.replayed is not None):
        LOG.warning("%s skipped: %s", alias, found)
    elif replayed is not None and known is not None and known.replayed is None:
        LOG.warning("%s used again: %s", alias, found)
    _standings[alias] = Standing(replayed, time.monotonic() + settings.REPLICA_CHECK_SECONDS, found)
    return _standings[alias]


def _probe(alias: str) -> Any:
    """The process's own connection for checks on `alias`, which gives up on any answer
    after REPLICA_CHECK_TIMEOUT seconds."""
    if (probe := _probes.get(alias)) is None or probe.closed:
        wrapper = connections[alias]
        params = wrapper.get_connection_params()
        params["connection_factory"] = deadlines.within(settings.REPLICA_CHECK_TIMEOUT)
        probe = _probes[alias] = wrapper.get_new_connection(params)
        probe.autocommit = True
    return probe


def _ask_primary(now: float) -> bool:
    """Note the primary's WAL position, at most every REPLICA_CHECK_SECONDS; False when the
    primary does not answer, and then nothing noted before counts: a replica is never judged
    on old figures."""
    global _primary_silent_until
    if _written and now - _written[-1][0] < settings.REPLICA_CHECK_SECONDS:
        return True
    if now < _primary_silent_until:
        return False
    try:
        with _probe(DEFAULT_DB_ALIAS).cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            _written.append((now, lsn_value(cursor.fetchone()[0])))
    except psycopg2.Error:
        _forget(DEFAULT_DB_ALIAS)
        _written.clear()
        _primary_silent_until = now + settings.REPLICA_RETRY_SECONDS
        return False
    # Enough to tell a replica twice the lag limit behind from one just past it.
    while now - _written[0][0] > 2 * settings.REPLICA_MAX_LAG_SECONDS:
        _written.popleft()
    return True


def _behind_primary(replayed: int, now: float) -> float:
    """How long ago the primary had written no further than `replayed`, in seconds.

    A replica that has replayed the position the primary had at a check holds everything
    committed before that check: its lag is the time since the newest such check, or at
    least the time since the oldest check noted.
    """
    caught_up = (when for when, written in reversed(_written) if written <= replayed)
    return now - next(caught_up, _written[0][0])


def _forget(alias: str) -> None:
    if (probe := _probes.pop(alias, None)) is not None:
        with contextlib.suppress(psycopg2.Error):
            probe.close()


def skipped(alias: str) -> bool:
    """Is `alias` skipped now, from what this process already knows (no check is made)?"""
    known = _standings.get(alias)
    return known is not None and known.replayed is None and time.monotonic() < known.next_check


def first_line(error: BaseException | None) -> str:
    """What an error says, on one line of the log (libpq's run to several)."""
    return next(iter(str(error).strip().splitlines()), "") or type(error).__name__


def skip(alias: str, reason: str) -> Standing:
    """Leave a replica that failed alone for REPLICA_RETRY_SECONDS."""
    _forget(alias)
    with contextlib.suppress(DatabaseError):
        connections[alias].close()
    if (known := _standings.get(alias)) is None or known.replayed is not None:
        LOG.warning("%s skipped for %g s: %s", alias, settings.REPLICA_RETRY_SECONDS, reason)
    retry = time.monotonic() + settings.REPLICA_RETRY_SECONDS
    _standings[alias] = Standing(None, retry, reason)
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
            skip(alias, first_line(sys.exc_info()[1]))
        reads.failed = True


class ServedAgain(logging.Filter):
    """Keep out of the log the error of a request that failed on a replica: it is served
    again from the primary, and the replica's skip is logged once instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        reads = _reads.get()
        return reads is None or not reads.failed


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
