"""Deterministic synthetic data at the sizes of scales.json, made inside PostgreSQL.

Rows are made with INSERT ... SELECT over generate_series, so nothing crosses the wire but
the statements; `setseed` makes every random() the same from run to run. Each module of
this package writes one app's tables and is named after it (`titles.py` writes the
catalogue's), so every table's SQL stays in one place; this module holds the shared machinery.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Model

SCALES_FILE = Path(__file__).resolve().parent / "scales.json"
SEED = 0.2005


@dataclass(frozen=True)
class Scale:
    titles: int
    airing_titles: int  # titles airing now, as many on every scale
    people: int
    credits_per_title: int
    users: int
    entries_per_user: int
    long_list_entries: int  # the first member's list, at most one entry per title
    hot_title_watchers: int
    reviews: int
    hot_title_reviews: int
    votes_per_review: int
    comments: int
    hot_title_comments: int

    @classmethod
    def named(cls, name: str) -> Scale:
        values = json.loads(SCALES_FILE.read_text())[name]
        return cls(**{f.name: values[f.name] for f in fields(cls)})


def execute(sql: str, params: dict | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or {})
        return cursor.rowcount


def scalar(sql: str, params: dict | None = None) -> Any:
    """The first column of the first row, of whatever type the query selects."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params or {})
        return cursor.fetchone()[0]


def next_id(table: str) -> int:
    """Generated rows take ids after the existing ones, so the demo data can stay."""
    return scalar(f"SELECT coalesce(max(id), 0) FROM {table}") + 1


def chunked(
    update: Callable[[str], None], sql: str, total: int, chunks: int, **params: object
) -> int:
    """Run `sql` once per chunk of the range [0, total), with %(lo)s and %(hi)s bound."""
    done = 0
    size = -(-total // chunks)
    for lo in range(0, total, size):
        hi = min(lo + size, total)
        done += execute(sql, {**params, "lo": lo, "hi": hi})
        update(f"{hi:,} of {total:,} ({done:,} rows)")
    return done


@contextmanager
def bulk_load() -> Iterator[None]:
    """Faster loading for generated data that is consistent by construction.

    `session_replication_role = replica` skips foreign-key triggers (the generator only
    refers to ids it has made); the other settings trade durability for speed while
    loading, which is fine for throw-away benchmark data.
    """
    execute("SET session_replication_role = replica")
    execute("SET synchronous_commit = off")
    execute("SET maintenance_work_mem = '512MB'")
    execute("SELECT setseed(%(seed)s)", {"seed": SEED})
    try:
        yield
    finally:
        execute("SET session_replication_role = DEFAULT")


def reset_sequences(*models: type[Model]) -> None:
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
