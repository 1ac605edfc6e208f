"""The site as production runs it, in subprocesses the benchmark starts and always stops."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DRAMADB_VAR_DIR", ROOT / "var"))
BENCH_DIR = VAR_DIR / "bench"
# Generating the large data set takes long the first time; anything past this is stuck.
SETUP_TIMEOUT = 6 * 3600
COMMAND_TIMEOUT = 600
# Where the servers' cache goes: a memory file system, as README's "Deploying" has a site on
# one machine keep it (a cache needs no disk), when the machine has one.
MEMORY_DIR = Path("/dev/shm")
UNTHROTTLED = "1000000/s"
UNTHROTTLED_RATES = ("REVIEW_RATE", "RECOMMENDATION_RATE", "VOTE_RATE", "API_RATE_ANONYMOUS")


def site_env(scale: str, secret_key: str) -> dict[str, str]:
    """Production settings for every process of one scale: server, prepare and checks.

    They share one SECRET_KEY so the sessions made by `bench_prepare` are valid in the server.
    """
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONN_MAX_AGE": "600",
        "DRAMADB_DB_NAME": f"dramadb_bench_{scale}",
        "STATIC_ROOT": str(BENCH_DIR / "static"),
        # A cache of its own for each scale, emptied at the start and the end of each run
        # (bench/run.py), so a run measures the same start whatever ran before it.
        "CACHE_DIR": str(cache_dir(scale)),
        # Never a Redis from the environment: it would keep what earlier runs stored.
        "REDIS_URL": "",
        # The write mix writes far faster than one person may, over plain HTTP.
        "COMMENT_RATE_LIMIT_SECONDS": "0",
        **dict.fromkeys(UNTHROTTLED_RATES, UNTHROTTLED),
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }


def cache_dir(scale: str, memory: Path = MEMORY_DIR) -> Path:
    """The cache folder of a scale's servers: in `memory` when the machine has it, named after
    this checkout so that two checkouts never share one; under var/bench otherwise."""
    if not memory.is_dir():
        return BENCH_DIR / f"cache-{scale}"
    checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    return memory / f"dramadb-{checkout}-bench-cache-{scale}"


def manage(
    env: dict[str, str], *args: str, timeout: float = COMMAND_TIMEOUT, quiet: bool = False
) -> subprocess.CompletedProcess:
    """Run a management command; its output goes to the terminal unless `quiet`."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        timeout=timeout,
        capture_output=quiet,
        text=True,
    )


def manage_json(env: dict[str, str], *args: str) -> dict:
    """Run a management command that prints JSON as its last line, and return it."""
    done = manage(env, *args, quiet=True)
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn serving the site on a free loopback port, stopped by its own pid on exit."""

    def __init__(self, env: dict[str, str], workers: int, log: Path) -> None:
        self.env = env
        self.workers = workers
        self.log = log
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "dramadb.wsgi:application",
             "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
             "--worker-class", "sync", "--log-level", "warning",
             "--error-logfile", str(self.log)],
            cwd=ROOT,
            env=self.env,
        )  # fmt: skip
        try:
            self._wait_until_ready(self.process, timeout=60)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # SIGTERM is gunicorn's graceful shutdown: workers finish their request and exit,
        # which also lets them leave the embedded PostgreSQL cleanly.
        self.process.terminate()
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def _wait_until_ready(self, process: subprocess.Popen, timeout: float) -> None:
        # No proxy, whatever the environment says: these requests never leave the machine.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early; see {self.log}")
            try:
                with opener.open(f"{self.base_url}/bench/floor/", timeout=5) as page:
                    if page.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within {timeout:.0f}s")
            time.sleep(0.2)
