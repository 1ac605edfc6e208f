"""A Redis server of a test's own: Debian's redis-server on a free loopback port, no persistence.

It can be stopped and started again on the same port (empty, as after a restart), or frozen
and thawed (keeping its data, as across a network cut).
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType

from bench.server import free_port

TIMEOUT = 30


def answers_ping(port: int) -> bool:
    """Whether a Redis server on 127.0.0.1:`port` answers PING, spoken in plain RESP."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """redis-server in `folder`, stopped by its own process handle on exit."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def start(self) -> None:
        """Start the server on its port (again, after `stop`: empty, as after a restart)."""
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError(
                "redis-server is not installed: `make test` installs the Debian package "
                "redis-server (or run `apt-get install -y redis-server`)"
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        log = self.folder / "redis.log"
        with log.open("ab") as output:
            self._process = subprocess.Popen(
                [
                    binary,
                    *("--bind", "127.0.0.1", "--port", str(self.port)),
                    *("--save", "", "--appendonly", "no", "--dir", str(self.folder)),
                    *("--daemonize", "no"),
                ],
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            self._wait_until_ready(log)
        except BaseException:
            self._stop()
            raise

    def stop(self) -> None:
        """Stop the server: its port refuses connections until `start`."""
        self._stop()

    def freeze(self) -> None:
        """Stop the server's process where it is (SIGSTOP): connections are accepted by the
        system but nothing is answered, as when the network to it is cut; it keeps its data."""
        assert self._process is not None
        self._process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        """Let a frozen server go on (SIGCONT), with the data it had."""
        assert self._process is not None
        self._process.send_signal(signal.SIGCONT)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop()

    def _wait_until_ready(self, log: Path) -> None:
        assert self._process is not None
        deadline = time.monotonic() + TIMEOUT
        while not answers_ping(self.port):
            if self._process.poll() is not None or time.monotonic() > deadline:
                output = log.read_text(errors="replace")[-3000:] if log.exists() else ""
                raise RuntimeError(f"redis-server on port {self.port} did not start:\n{output}")
            time.sleep(0.05)

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGCONT)  # a frozen server would not see SIGTERM
        process.terminate()
        try:
            process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
