"""The mixed day: title pages read with a Zipf spread by visitors and members, and one write
in every so many requests (bench/day.lua).

Every page is read once first, so the day starts from a warm cache, as on a site that has been
up a while; the writes then make some of them stale, and those are made again from the parts
the write did not touch (core/part_cache.py).

Afterwards every page is read from the server with the page cache and from the server without
it: a stored page that differs from a fresh render is a stale page. The page and part hit
ratios come from the X-Page-Cache and X-Part-Cache headers each response carries.
"""

from __future__ import annotations

import re
import subprocess
import urllib.request
from pathlib import Path

from bench.load import Load, parse, wrk_command

DAY_SCRIPT = Path(__file__).resolve().parent / "day.lua"
# A member in every three or so readers, and a write after every 50 reads.
MEMBER_SHARE = 0.3
READS_PER_WRITE = 50
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def run_mixed(
    cached_url: str,
    uncached_url: str,
    paths: list[str],
    paths_file: Path,
    plan_file: Path,
    csrf: str,
    sessions: list[str],
    *,
    seconds: int,
    connections: int,
    threads: int,
) -> tuple[Load, dict]:
    """Load and check; returns the day's load and the figures for the results."""
    paths_file.write_text("\n".join(paths) + "\n")
    for path in paths:  # every page stored once: the load then measures a warm cache
        _read(cached_url + path)
    script_args = [str(paths_file), str(plan_file), csrf, ",".join(sessions), str(threads),
                   str(MEMBER_SHARE), str(READS_PER_WRITE)]  # fmt: skip
    command = wrk_command(cached_url + "/", seconds=seconds, connections=connections,
                          threads=threads, script=DAY_SCRIPT, script_args=script_args)  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed:\n{done.stdout}{done.stderr}")
    load, counts = parse(done.stdout), _counts(done.stdout)
    stale = [path for path in paths if _page(cached_url, path) != _page(uncached_url, path)]
    return load, {
        "titles": len(paths),
        **load.as_dict(),
        "counts": counts,
        "page_hit_ratio": _ratio(counts, "page cache hit", "page cache miss"),
        "part_hit_ratio": _ratio(counts, "part hit", "part miss"),
        "fragment_hit_ratio": _ratio(counts, "part fragment hit", "part fragment miss"),
        "compared": len(paths),
        "differences": len(stale),
        "stale_pages": stale[:10],
    }


def _counts(report: str) -> dict[str, int]:
    return {name: int(n) for name, n in re.findall(r"^count ([^:]+): (\d+)$", report, re.M)}


def _ratio(counts: dict[str, int], hits: str, misses: str) -> float | None:
    total = counts.get(hits, 0) + counts.get(misses, 0)
    return round(counts.get(hits, 0) / total, 3) if total else None


def _read(url: str) -> bytes:
    with OPENER.open(url, timeout=30) as response:
        return response.read()


def _page(base_url: str, path: str) -> bytes:
    """A visitor's page with the server's own address (in canonical links) taken out."""
    return _read(base_url + path).replace(base_url.encode(), b"")
