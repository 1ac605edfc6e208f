"""The site as `make serve` runs it, started and stopped by a test, and a small HTTP client.

Requests say they came through a TLS proxy (X-Forwarded-Proto), as production's do, so the
site keeps its production settings: secure cookies, HTTPS redirects, Django's deploy check.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from http.cookies import SimpleCookie
from pathlib import Path
from types import TracebackType

import psutil

from bench.server import ROOT, free_port
from tests.servers.postgres import wait_until

SECRET_KEY = "served-in-tests-" + "s" * 50
# Every server is asked for one host, as behind a load balancer (page cache keys hold it).
PROXIED = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


class Serve:
    """`make serve` on a free loopback port, with `env` on top of the test's environment."""

    def __init__(self, folder: Path, env: dict[str, str], workers: int = 2) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = folder / f"serve-{self.port}.log"
        self.env = {
            # Not the browser tests' leave to call the database from async code.
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(workers),
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "STATIC_ROOT": str(folder / "static"),
            "MEDIA_ROOT": str(folder / "media"),
            # Production's own settings, not the test suite's (tests/environment.py).
            "SECURE_SSL_REDIRECT": "true",
            "STATIC_MANIFEST": "true",
            "SERVE_MEDIA": "false",
            "CACHE_DIR": str(folder / "cache"),
            **env,
        }
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Serve:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                ["make", "--no-print-directory", "serve"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_until(self._up, 180, "make serve answering /healthz")
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

    def _up(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise RuntimeError(f"make serve exited early:\n{self.log.read_text()[-3000:]}")
        try:
            return get(self.url + "/healthz")[0] == 200
        except OSError:
            return False  # not listening yet

    def group(self) -> list[psutil.Process]:
        """Every process still running in the server's own session (make, gunicorn, workers)."""
        assert self.process is not None
        found = []
        for process in psutil.process_iter(["pid"]):
            try:
                if os.getsid(process.pid) == self.process.pid:
                    found.append(process)
            except (ProcessLookupError, PermissionError):
                continue
        return found

    def stop(self, timeout: float = 60) -> int | None:
        """SIGTERM to make, which passes it on; returns make's exit status."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=timeout)
        for process in self.group():
            process.kill()
        return self.process.wait(timeout=10)

    def log_lines(self) -> list[str]:
        return self.log.read_text().splitlines()

    def request_lines(self, path: str) -> list[str]:
        """The request log's lines for `path`: "GET /path 200 12.3 ms 15 queries replica_1"."""
        pattern = re.compile(rf"\] (GET|POST|HEAD) {re.escape(path)} \d{{3}} ")
        return [line for line in self.log_lines() if pattern.search(line)]


def migrate_and_seed(database_url: str, script: str) -> str:
    """Migrate the database at `database_url`, then run `script` in `manage.py shell` there;
    returns the last line it printed."""
    env = {**os.environ, "DATABASE_URL": database_url}
    for command in (["migrate", "-v0"], ["shell", "-c", script]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# No proxy, whatever the environment says, and redirects left to the caller.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())


def get(
    url: str, cookies: dict[str, str] | None = None, timeout: float = 30
) -> tuple[int, str, Message]:
    return request(url, cookies=cookies, timeout=timeout)


def request(
    url: str,
    data: dict[str, str] | None = None,
    cookies: dict[str, str] | None = None,
    timeout: float = 30,
) -> tuple[int, str, Message]:
    """One request as a visitor behind the proxy: (status, body, response headers)."""
    headers = dict(PROXIED)
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if data is not None:
        body = urllib.parse.urlencode(data).encode()
        headers["X-CSRFToken"] = (cookies or {}).get("csrftoken", "")
        headers["Referer"] = f"https://{PROXIED['Host']}/"
    try:
        with OPENER.open(urllib.request.Request(url, body, headers), timeout=timeout) as response:
            status, text, header = response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        status, text, header = error.code, error.read().decode(), error.headers
    return status, text, header


def cookies_set(headers: Message) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for line in headers.get_all("Set-Cookie") or []:
        jar.load(line)
    return {name: morsel.value for name, morsel in jar.items()}


class Member:
    """A signed-in member's cookies, kept across requests like a browser keeps them: each
    until its Max-Age runs out."""

    def __init__(self, base_url: str, username: str, password: str) -> None:
        self.base_url = base_url
        self.jar: dict[str, tuple[str, float]] = {"csrftoken": ("t" * 32, math.inf)}
        status, _, _ = self.post("/accounts/login/", {"username": username, "password": password})
        assert status == 302 and "sessionid" in self.cookies, "the sign-in was refused"

    @property
    def cookies(self) -> dict[str, str]:
        now = time.monotonic()
        return {name: value for name, (value, until) in self.jar.items() if until > now}

    def get(self, path: str) -> tuple[int, str]:
        status, text, headers = get(self.base_url + path, self.cookies)
        self._keep(headers)
        return status, text

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str, Message]:
        status, text, headers = request(self.base_url + path, data, self.cookies)
        self._keep(headers)
        return status, text, headers

    def _keep(self, headers: Message) -> None:
        jar: SimpleCookie = SimpleCookie()
        for line in headers.get_all("Set-Cookie") or []:
            jar.load(line)
        now = time.monotonic()
        for name, morsel in jar.items():
            age = morsel["max-age"]
            self.jar[name] = (morsel.value, now + int(age) if age != "" else math.inf)
