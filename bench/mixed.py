"""The mixed target: many titles read by many connections while the write mix runs.

Every page is read once first, so the load starts from a warm cache, as a site that has been
up a while; the writes then make some of them stale, and those are rendered afresh.

Afterwards a sample of the pages is read from the server with the page cache and from the
server without it: a stored page that differs from a fresh render is a stale page. The page
cache's hit ratio during the load comes from the X-Page-Cache header each response carries.
"""

from __future__ import annotations

import random
import re
import subprocess
import urllib.request
from pathlib import Path
from typing import Any

from bench.load import WRITES_SCRIPT, Load, parse, wrk_command

READS_SCRIPT = Path(__file__).resolve().parent / "reads.lua"
SAMPLE = 200
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def run_mixed(
    cached_url: str,
    uncached_url: str,
    paths: list[str],
    paths_file: Path,
    write_args: list[str],
    *,
    seconds: int,
    connections: int,
    threads: int,
) -> tuple[Load, dict]:
    """Load and check; returns the reads' load and the figures for the results."""
    paths_file.write_text("\n".join(paths) + "\n")
    for path in paths:  # every page stored once: the load then measures a warm cache
        _read(cached_url + path)
    reads = _start(cached_url + "/", seconds=seconds, connections=connections, threads=threads,
                   script=READS_SCRIPT, script_args=[str(paths_file), str(threads)])  # fmt: skip
    writes = _start(cached_url + "/", seconds=seconds, connections=max(threads, 2),
                    threads=threads, script=WRITES_SCRIPT, script_args=write_args)  # fmt: skip
    read_report, write_report = _finish(reads, seconds), _finish(writes, seconds)
    load = parse(read_report)
    hits = _count(read_report, "hit")
    misses = _count(read_report, "miss")
    sample = random.Random(SAMPLE).sample(paths, min(SAMPLE, len(paths)))
    stale = [path for path in sample if _page(cached_url, path) != _page(uncached_url, path)]
    return load, {
        "titles": len(paths),
        **load.as_dict(),
        "writes": parse(write_report).as_dict(),
        "page_cache_hits": hits,
        "page_cache_misses": misses,
        "hit_ratio": round(hits / (hits + misses), 3) if hits + misses else None,
        "compared": len(sample),
        "differences": len(stale),
        "stale_pages": stale[:10],
    }


def _start(url: str, **options: Any) -> subprocess.Popen:
    """wrk in the background, so the reads and the writes run at once."""
    return subprocess.Popen(
        wrk_command(url, **options), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finish(process: subprocess.Popen, seconds: int) -> str:
    try:
        out, err = process.communicate(timeout=seconds + 60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    if process.returncode != 0:
        raise RuntimeError(f"wrk failed:\n{out}{err}")
    return out


def _count(report: str, state: str) -> int:
    match = re.search(rf"^page cache {state} (\d+)$", report, re.MULTILINE)
    return int(match.group(1)) if match else 0


def _read(url: str) -> bytes:
    with OPENER.open(url, timeout=30) as response:
        return response.read()


def _page(base_url: str, path: str) -> bytes:
    """A visitor's page with the server's own address (in canonical links) taken out."""
    return _read(base_url + path).replace(base_url.encode(), b"")
