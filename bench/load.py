"""Drive load with wrk and read its report."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

WRITES_SCRIPT = Path(__file__).resolve().parent / "writes.lua"
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class Load:
    """What one wrk run measured."""

    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    bad_responses: int  # neither 2xx nor 3xx
    socket_errors: dict[str, int]
    statuses: dict[int, int] = field(default_factory=dict)  # write mix only

    def as_dict(self) -> dict:
        return asdict(self)


def wrk_command(
    url: str,
    *,
    seconds: float,
    connections: int,
    threads: int,
    headers: Sequence[str] = (),
    script: Path | None = None,
    script_args: Sequence[str] = (),
) -> list[str]:
    """The wrk command line for one load; only ever aimed at the loopback address."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"the benchmark only loads the loopback address, not {url}")
    command = ["wrk", "--latency", "-t", str(threads), "-c", str(connections),
               "-d", f"{seconds}s", "--timeout", "10s"]  # fmt: skip
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    return [*command, url, "--", *script_args] if script else [*command, url]


def run_wrk(url: str, *, seconds: float, **options: Any) -> Load:
    command = wrk_command(url, seconds=seconds, **options)
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed:\n{done.stdout}{done.stderr}")
    return parse(done.stdout)


def parse(report: str) -> Load:
    def number(pattern: str) -> float:
        match = re.search(pattern, report, re.MULTILINE)
        if match is None:
            raise ValueError(f"wrk's report has no {pattern!r}:\n{report}")
        return float(match.group(1))

    def percentile(which: int) -> float:
        match = re.search(rf"^\s+{which}%\s+([\d.]+)(us|ms|s|m)\s*$", report, re.MULTILINE)
        if match is None:
            raise ValueError(f"wrk's report has no {which}th percentile:\n{report}")
        return float(match.group(1)) * UNITS_MS[match.group(2)]

    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    )
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    return Load(
        requests=int(number(r"^\s+(\d+) requests in")),
        requests_per_second=number(r"^Requests/sec:\s+([\d.]+)"),
        p50_ms=percentile(50),
        p99_ms=percentile(99),
        bad_responses=int(bad.group(1)) if bad else 0,
        socket_errors=dict(
            zip(["connect", "read", "write", "timeout"], map(int, errors.groups()), strict=True)
        )
        if errors
        else {},
        statuses={
            int(status): int(count)
            for status, count in re.findall(r"^status (\d+): (\d+)$", report, re.MULTILINE)
        },
    )
