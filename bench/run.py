"""The load benchmark behind `make bench`; the README's "Benchmark" section explains it.

Each data scale gets a database of its own and a server of its own, started as production
runs the site (gunicorn, DEBUG off, persistent connections, WhiteNoise). wrk, a separate
process, warms and then loads each page and a write mix; the scales take turns target by
target, so a change in the machine's other work between two measurements touches them alike.
Afterwards the stored statistics are checked, everything started here is stopped, tables are
printed and bench/results.json is written.
"""

from __future__ import annotations

import json
import math
import os
import secrets
import shutil
import subprocess
import sys
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench import report
from bench.data import (
    check_stats,
    collect_static,
    drop_copy,
    ensure_data,
    working_copy,
    write_plan,
)
from bench.load import WRITES_SCRIPT, Load, run_wrk
from bench.mixed import READS_PER_WRITE, run_mixed
from bench.server import BENCH_DIR, VAR_DIR, Gunicorn, manage_json, site_env

RESULTS = Path(__file__).resolve().parent / "results.json"

# Pages loaded, in order: (name in the tables, page in bench_prepare's plan, signed in).
PAGES = [
    ("floor", "floor", False),
    ("title, signed out", "title", False),
    # Signed in as a member with 50 unread notifications (bench/social.py).
    ("title, signed in", "title", True),
    ("reviews", "reviews", False),
    ("comment thread", "thread", False),
    ("search", "search", False),
    ("search with a typo", "search_typo", False),
    ("browse, two filters", "browse", False),
    ("top rated", "top", False),
    ("people search", "people", False),
    ("member's list, longest", "list", False),
    ("profile with statistics", "profile", False),
    ("schedule", "schedule", False),
    ("API title", "api_title", False),
    ("API browse, two filters", "api_browse", False),
    ("feed, 200 followed", "feed", True),
]
WRITE_MIX = "write mix"
# A comment posted, then the title page read by a visitor, in turn: the page's comments are
# made again and the rest of it read from the stored parts (core/part_cache.py).
AFTER_COMMENT = "title after one comment"
# Each page is loaded twice: from the server with the page cache (as production runs) and
# from a second server of the same scale with PAGE_CACHE=false, which renders every request.
UNCACHED = " · page cache off"


@dataclass(frozen=True)
class Config:
    scales: list[str]
    seconds: int
    warmup: int
    connections: int
    threads: int
    # Sync workers, one per core. wrk, PostgreSQL and the workers share the machine's cores,
    # and a worker waiting on a query hands its core to PostgreSQL running that query, so
    # one per core keeps every core busy; more only add switching (measured: README).
    workers: int
    users: int
    max_writes: int
    # Only these pages (their plan names: floor, title, reviews…, and "writes" for the write
    # mix, "after_comment" for the title after one comment, "mixed" for the mixed day), for a
    # quick look while working on one page; empty for all of them.
    only: list[str] = field(default_factory=list)

    @classmethod
    def from_env(cls) -> Config:
        def number(name: str, default: int) -> int:
            return int(os.environ.get(name) or default)

        scales = os.environ.get("BENCH_SCALES") or "small"
        return cls(
            scales=list(dict.fromkeys(s.strip() for s in scales.split(",") if s.strip())),
            seconds=number("BENCH_SECONDS", 10),
            warmup=number("BENCH_WARMUP_SECONDS", 2),
            connections=number("BENCH_CONNECTIONS", 8),
            threads=number("BENCH_THREADS", 2),
            workers=number("BENCH_WORKERS", len(os.sched_getaffinity(0))),
            users=number("BENCH_USERS", 8),
            max_writes=number("BENCH_MAX_WRITES", 20_000),
            only=[p.strip() for p in os.environ.get("BENCH_ONLY", "").split(",") if p.strip()],
        )


@dataclass
class Target:
    path: str
    queries: dict[str, int]
    headers: list[str]
    # writes.lua's arguments, for a target that posts (the write mix, a page after a write).
    script_args: list[str] = field(default_factory=list)
    page_cache: bool = True


@dataclass
class Scale:
    name: str
    env: dict[str, str]
    targets: dict[str, Target]
    plan: dict
    plan_file: Path
    # The kept data set; `env` names the run's copy of it.
    kept: str
    result: dict = field(default_factory=dict)


def main() -> int:
    if os.environ.get("DATABASE_URL"):
        print("make bench runs on the embedded PostgreSQL: unset DATABASE_URL.", file=sys.stderr)
        return 2
    config = Config.from_env()
    # Hold the embedded PostgreSQL for the whole run, so it is not stopped and started again
    # between the short-lived commands and the servers; it stops when this process exits.
    from core.embedded_db import embedded_database_url

    server_url = embedded_database_url(VAR_DIR, f"dramadb_bench_{config.scales[0]}")
    # One key for every process of the run; sessions from an earlier run simply expire.
    secret_key = secrets.token_urlsafe(50)
    results: dict = {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "config": asdict(config),
        # Other work on the machine skews the figures: the load average tells a reader.
        "machine": {
            "cpus": os.cpu_count(),
            "load_average": [round(n, 2) for n in os.getloadavg()],
            "wrk": wrk_version(),
        },
    }
    collect_static(site_env(config.scales[0], secret_key))
    scales = [prepare(name, config, secret_key, server_url) for name in config.scales]
    failures = load_all(scales, config)
    for scale in scales:
        scale.result["title_vs_floor"] = report.floor_ratios(scale.result["targets"])
        scale.result["recompute_stats"] = check_stats(scale.env)
        if not scale.result["recompute_stats"]["ok"]:
            failures.append(f"{scale.name}: recompute_stats --check differs after the writes")
        report.print_scale(scale.name, scale.result)
    for scale in scales:
        drop_copy(server_url, scale.kept)
        shutil.rmtree(scale.env["CACHE_DIR"], ignore_errors=True)
    results["scales"] = {scale.name: scale.result for scale in scales}
    results["comparison"] = report.compare(results["scales"])
    report.print_comparison(results["comparison"])
    results["failures"] = failures
    results["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print("\nWrote bench/results.json")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


def prepare(name: str, config: Config, secret_key: str, server_url: str) -> Scale:
    """Fill the scale's database, copy it for this run, then ask Django for the plan."""
    print(f"\n== {name} ==", flush=True)
    env = site_env(name, secret_key)
    shutil.rmtree(env["CACHE_DIR"], ignore_errors=True)
    result: dict = {"notes": []}
    result["data_source"] = ensure_data(env, name, result["notes"])
    kept = env["DRAMADB_DB_NAME"]
    env["DRAMADB_DB_NAME"], seconds = working_copy(server_url, kept)
    print(f"Copied the {name} data for this run in {seconds:.0f}s", flush=True)
    result |= {"database": env["DRAMADB_DB_NAME"], "copy_seconds": round(seconds, 1)}
    plan = manage_json(env, "bench_prepare", "--users", str(config.users))
    result |= {"data": plan["data"], "hot_title": plan["hot_title"], "targets": {}}
    result["notes"] += plan["notes"]
    for note in result["notes"]:
        print(f"note: {note}")
    plan_file = write_plan(plan, BENCH_DIR / f"writes-{name}.tsv")
    # writes.lua's arguments: the plan, the CSRF secret, each thread's share of the cap.
    per_thread = math.ceil(config.max_writes / config.threads)
    write_args = [str(plan_file), plan["csrf"], str(per_thread), str(config.threads)]
    comments = {**plan, "writes": [w for w in plan["writes"] if w["kind"] == "comment"]}
    comments_file = write_plan(comments, BENCH_DIR / f"comments-{name}.tsv")
    after_comment = [str(comments_file), *write_args[1:], plan["pages"]["title"]]
    targets = build_targets(plan, config.only, write_args, after_comment)
    return Scale(name, env, targets, plan, plan_file, kept, result)


def build_targets(plan: dict, only: list[str], write_args: list[str],
                  after_comment: list[str]) -> dict[str, Target]:  # fmt: skip
    # The signed-in pages are loaded as the first bench user, whose session the counts used.
    cookie = f"Cookie: sessionid={plan['sessions'][0]}; csrftoken={plan['csrf']}"
    targets = {}
    for name, page, signed_in in PAGES:
        if page not in plan["pages"] or (only and page not in only):
            continue
        path, queries = plan["pages"][page], plan["queries"][page]
        headers = [cookie] if signed_in else []
        targets[name] = Target(path, queries, headers)
        if page != "floor":
            targets[name + UNCACHED] = Target(path, queries, headers, page_cache=False)
    kinds = dict.fromkeys(write["kind"] for write in plan["writes"])
    queries = {kind: plan["queries"][kind]["in"] for kind in kinds}
    if not only or "writes" in only:
        targets[WRITE_MIX] = Target("/", queries, [], write_args)
    if "comment" in kinds and (not only or "after_comment" in only):
        queries = {"comment": queries["comment"], "page": plan["queries"]["title"]["out"]}
        targets[AFTER_COMMENT] = Target("/", queries, [], after_comment)
    return targets


def load_all(scales: list[Scale], config: Config) -> list[str]:
    """Warm and load every target on every scale's server; return what went wrong."""
    names = list(dict.fromkeys(name for scale in scales for name in scale.targets))
    failures: list[str] = []
    with ExitStack() as servers:
        sites: dict[tuple[str, bool], Gunicorn] = {}
        for scale in scales:
            for page_cache in (True, False):
                env = scale.env | {"PAGE_CACHE": str(page_cache).lower()}
                mode = "on" if page_cache else "off"
                log = BENCH_DIR / f"gunicorn-{scale.name}-page-cache-{mode}.log"
                print(f"Starting gunicorn for {scale.name} with {config.workers} workers "
                      f"(page cache {mode})", flush=True)  # fmt: skip
                sites[scale.name, page_cache] = servers.enter_context(
                    Gunicorn(env, config.workers, log)
                )
        # Fills every worker's caches, connections and compiled templates, and PostgreSQL's
        # buffers, so the measured runs see a server that has been up a while.
        print(f"Warming up: {config.warmup}s per target and scale", flush=True)
        for name in names:
            for scale in scales:
                if name in scale.targets:
                    measure(sites, scale, name, config, config.warmup)
        for name in names:
            print(f"Loading {name} for {config.seconds}s per scale", flush=True)
            for scale in scales:
                if name not in scale.targets:
                    continue
                load = measure(sites, scale, name, config, config.seconds)
                target = scale.targets[name]
                scale.result["targets"][name] = {"path": target.path, "queries": target.queries,
                                                 **load.as_dict()}  # fmt: skip
                failures += check_load(f"{scale.name}, {name}", load)
        for scale in scales:
            if not config.only or "mixed" in config.only:
                failures += load_mixed(sites, scale, config)
    return failures


def load_mixed(sites: dict[tuple[str, bool], Gunicorn], scale: Scale, config: Config) -> list[str]:
    titles = scale.plan["many_titles"]
    print(f"Mixed day on {scale.name}: {len(titles)} titles read with a Zipf spread by visitors "
          f"and members, a write after every {READS_PER_WRITE} reads, for {config.seconds}s",
          flush=True)  # fmt: skip
    load, mixed = run_mixed(
        sites[scale.name, True].base_url,
        sites[scale.name, False].base_url,
        titles,
        BENCH_DIR / f"titles-{scale.name}.txt",
        scale.plan_file,
        scale.plan["csrf"],
        scale.plan["sessions"],
        seconds=config.seconds,
        connections=config.connections,
        threads=config.threads,
    )
    scale.result["mixed"] = mixed
    if mixed["differences"]:
        return [f"{scale.name}: {mixed['differences']} of {mixed['compared']} stored pages "
                f"differ from a fresh render, e.g. {mixed['stale_pages'][:3]}"]  # fmt: skip
    return check_load(f"{scale.name}, mixed", load)


def measure(
    sites: dict[tuple[str, bool], Gunicorn], scale: Scale, name: str, config: Config, seconds: int
) -> Load:
    target = scale.targets[name]
    return run_wrk(
        sites[scale.name, target.page_cache].base_url + target.path,
        seconds=seconds,
        connections=config.connections,
        threads=config.threads,
        headers=target.headers,
        script=WRITES_SCRIPT if target.script_args else None,
        script_args=target.script_args,
    )


def check_load(where: str, load: Load) -> list[str]:
    problems = []
    if load.bad_responses:
        statuses = f" (statuses: {load.statuses})" if load.statuses else ""
        problems.append(
            f"{where}: {load.bad_responses} of {load.requests} responses were neither 2xx "
            f"nor 3xx{statuses}"
        )
    if load.socket_errors.get("timeout"):
        problems.append(f"{where}: {load.socket_errors['timeout']} requests timed out")
    return problems


def wrk_version() -> str:
    done = subprocess.run(["wrk", "-v"], capture_output=True, text=True, timeout=10)
    return (done.stdout + done.stderr).splitlines()[0]


if __name__ == "__main__":
    sys.exit(main())
