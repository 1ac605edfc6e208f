"""The data each scale is measured on, and the write plan handed to wrk."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import psycopg2
from psycopg2 import sql

from bench.server import BENCH_DIR, SETUP_TIMEOUT, manage, manage_json


def ensure_data(env: dict[str, str], scale: str, notes: list[str]) -> str:
    """Fill the scale's database once: with `generate` when it exists, else the demo data.

    Returns what filled it: "generate", "loaddemo" or "existing" (filled before this
    benchmark kept track).
    """
    # Always migrate: the database outlives branches, and the server needs today's schema.
    checked(manage(env, "migrate", "--noinput", quiet=True), "migrate")
    titles = manage_json(env, "bench_prepare", "--check-data")["titles"]
    marker = BENCH_DIR / f"{env['DRAMADB_DB_NAME']}.source"
    source = (marker.read_text().strip() if marker.exists() else "existing") if titles else None
    has_generate = manage(env, "help", "generate", quiet=True).returncode == 0
    if has_generate and source != "generate":
        # `generate` adds its rows after any existing ones, so demo data already there stays.
        print(f"Generating the {scale} data; the first time takes long", flush=True)
        checked(manage(env, "generate", "--scale", scale, timeout=SETUP_TIMEOUT), "generate")
        source = "generate"
    elif source is None:  # the database is empty
        print(f"Loading the demo data for {scale}", flush=True)
        checked(manage(env, "loaddemo", timeout=SETUP_TIMEOUT), "loaddemo")
        source = "loaddemo"
    if not has_generate:
        notes.append(
            f"`manage.py generate` is not available: {scale} runs on the demo data "
            "(from loaddemo), not on generated data of that scale"
        )
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(f"{source}\n")
    return source


def working_copy(server_url: str, kept: str) -> tuple[str, float]:
    """A fresh copy of the kept data set for one run; returns its name and the seconds taken.

    A run writes (comments, ratings, votes), and those writes would pile up run after run in
    the data the next run measures: the hot title's first page of comments would fill with
    the benchmark's own short comments. Each run measures a copy, so every run starts from
    the same data and the kept database only ever holds what `generate` made.
    """
    copy = f"{kept}_run"
    started = time.monotonic()
    drop_copy(server_url, kept)
    try:
        # FILE_COPY copies the files whole: far faster than WAL_LOG for a large set.
        _run(server_url, sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
            sql.Identifier(copy), sql.Identifier(kept)))  # fmt: skip
    except psycopg2.errors.ObjectInUse:
        raise RuntimeError(
            f"{kept} cannot be copied while something else is connected to it (a server or a "
            "shell pointed at it, or one left from an interrupted run): stop it, then run again"
        ) from None
    return copy, time.monotonic() - started


def drop_copy(server_url: str, kept: str) -> None:
    """Drop the run's copy of `kept`, if there is one: a large one takes gigabytes."""
    copy = sql.Identifier(f"{kept}_run")
    _run(server_url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(copy))


def _run(server_url: str, statement: sql.Composed) -> None:
    conn = psycopg2.connect(server_url, dbname="postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(statement)
    finally:
        conn.close()


def collect_static(env: dict[str, str]) -> None:
    # With DEBUG off WhiteNoise serves the hashed, compressed files collectstatic makes.
    checked(manage(env, "collectstatic", "--noinput", quiet=True), "collectstatic")


def check_stats(env: dict[str, str]) -> dict:
    done = manage(env, "recompute_stats", "--check", quiet=True)
    output = (done.stdout + done.stderr).strip().splitlines()
    return {"ok": done.returncode == 0, "output": output[-20:]}


def write_plan(plan: dict, path: Path) -> Path:
    """The write mix as writes.lua reads it: one tab-separated request per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "\t".join([write["kind"], write["path"], plan["sessions"][write["user"]],
                   "1" if write["htmx"] else "0", write["body"]])
        for write in plan["writes"]
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n")
    return path


def checked(done: subprocess.CompletedProcess, what: str) -> None:
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{done.stdout or ''}{done.stderr or ''}")
