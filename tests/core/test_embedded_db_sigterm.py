"""`manage.py runserver` (the autoreloader and the child it restarts) on the embedded
PostgreSQL, stopped with SIGTERM to its process group as `make run`'s terminal or a process
manager does: no PostgreSQL server is left running.

Real processes: a development server on a free loopback port, with its own data folder, so
the test starts (and, whatever happens, stops) only servers of its own.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

# Serial too: it waits for processes to stop, which tests busy beside it slow past its limits.
pytestmark = [pytest.mark.slow, pytest.mark.serial]

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 120
STOP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def postmaster(pgdata: Path) -> psutil.Process | None:
    """The PostgreSQL server running on `pgdata`, if one is."""
    pid_file = pgdata / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().split()[0])
        process = psutil.Process(pid)
    except (OSError, ValueError, IndexError, psutil.NoSuchProcess):
        return None
    if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
        return process
    return None


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def stop(reloader: psutil.Process, how: str) -> None:
    if how == "each":  # a process manager that signals the processes it knows of
        # The list is taken before the first signal; a process of it that has already ended
        # by its turn (the reloader's own stop can end its child) is passed over, as `kill`
        # in such a manager reports "no such process" and goes on.
        for process in [reloader, *reloader.children()]:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.send_signal(signal.SIGTERM)
    else:
        os.killpg(reloader.pid, signal.SIGINT if how == "ctrl-c" else signal.SIGTERM)


def diagnosis(pgdata: Path, log: Path) -> str:
    """What a failure needs to be understood: who still counts as a user of the server, which
    processes of this data folder live, and the ends of the two logs."""
    handles = pgdata / ".handle_pids.json"
    users = handles.read_text() if handles.exists() else "(no list)"
    living = [
        f"{process.pid} {process.status()} {' '.join(process.cmdline()[:4])}"
        for process in psutil.process_iter()
        if _mentions(process, str(pgdata.parent))
    ]
    server_log = pgdata / "log"
    server_log_end = server_log.read_text()[-2000:] if server_log.is_file() else "(no log)"
    return (
        f"users of the server: {users}\nprocesses: {living}\n"
        f"runserver log:\n{log.read_text()[-2000:]}\nserver log:\n{server_log_end}"
    )


def _mentions(process: psutil.Process, text: str) -> bool:
    try:
        return any(text in part for part in process.cmdline()) or text in process.environ().get(
            "DRAMADB_VAR_DIR", ""
        )
    except psutil.Error:
        return False


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("how", ["group", "each", "ctrl-c"])
def test_sigterm_to_runserver_and_its_reloader_stops_the_embedded_server(tmp_path, how):
    var = tmp_path / "var"
    pgdata = var / "postgres"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "RUN_MAIN")}
    env |= {"DRAMADB_VAR_DIR": str(var), "PYTHONUNBUFFERED": "1"}
    log = (tmp_path / "runserver.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, as a terminal gives `make run`
        # Ctrl-C works as in a terminal even when the suite itself was started in the
        # background, where the shell has the processes it starts ignore SIGINT.
        preexec_fn=_interruptible,
    )
    started = None
    try:
        assert wait_for(lambda: answers(f"http://127.0.0.1:{port}/healthz"), STARTUP_SECONDS), (
            tmp_path / "runserver.log"
        ).read_text()
        started = postmaster(pgdata)
        assert started is not None, "the embedded server should be running"
        reloader = psutil.Process(server.pid)
        assert reloader.children(), "runserver should run the site in a child of its reloader"

        stop(reloader, how)

        server.wait(timeout=STOP_SECONDS)
        assert wait_for(lambda: postmaster(pgdata) is None, STOP_SECONDS), (
            f"PostgreSQL was left running after stopping runserver ({how})\n"
            + diagnosis(pgdata, tmp_path / "runserver.log")
        )
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        if started is not None and started.is_running():
            started.terminate()  # the server this test started, found by its own data folder
            started.wait(timeout=10)
        log.close()
