"""A spreadsheet saved as CSV, with a header row naming its columns (TEMPLATE); the entries.csv
of a dramadb export is one."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from . import (
    KINDS,
    PRIORITIES,
    ROWS_MAX,
    STATUSES,
    SourceRow,
    UnreadableFile,
    check_count,
    day,
    flag,
    score_of,
    whole,
)

# The columns read, as the downloadable template names them. Only `title` is required.
TEMPLATE = ("title", "native_title", "year", "kind", "status", "score", "episodes_seen",
            "started_on", "finished_on", "rewatch_count", "note", "priority", "is_private",
            "updated_at")  # fmt: skip
# Other names people give the same columns.
ALIASES = {"name": "title", "type": "kind", "rating": "score", "episodes": "episodes_seen",
           "progress": "episodes_seen", "started": "started_on", "finished": "finished_on",
           "rewatches": "rewatch_count", "notes": "note", "comments": "note",
           "updated": "updated_at", "last_updated": "updated_at",
           "private": "is_private"}  # fmt: skip
STATUS_WORDS = {word.replace("_", " "): word for word in STATUSES} | {
    "plan to watch": "plan_to_watch", "planned": "plan_to_watch", "on hold": "on_hold",
    "on-hold": "on_hold", "current": "watching", "paused": "on_hold",
}  # fmt: skip


def read(text: str) -> list[SourceRow]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [_column(name) for name in next(reader, [])]
    if "title" not in header:
        raise UnreadableFile(
            "The file is not one this page reads: a CSV file needs a header row with a "
            "'title' column (download the template to see the others)."
        )
    rows = []
    for number, cells in enumerate(reader, start=1):
        if any(cell.strip() for cell in cells):
            rows.append(_row(number, dict(zip(header, cells, strict=False))))
        if len(rows) > ROWS_MAX:
            break  # check_count says why
    return check_count(rows)


def _column(name: str) -> str:
    key = name.strip().lower().replace(" ", "_")
    return ALIASES.get(key, key)


def _row(number: int, cells: dict[str, str]) -> SourceRow:
    def cell(name: str) -> str:
        value = (cells.get(name) or "").strip()
        # A dramadb export neutralises formula-like cells with a leading apostrophe.
        return value[1:] if value[:2] in {"'" + c for c in "=+-@"} else value

    names = [name for name in (cell("title"), cell("native_title")) if name]
    row = SourceRow(number=number, names=names or [""])
    if not names:
        row.problems.append("No title; this row cannot be matched.")
    row.year = whole(cell("year"), row, "year", 2100)
    kind = cell("kind").lower().replace(" ", "_")
    row.kind = kind if kind in KINDS else None
    status = cell("status").lower().replace("_", " ")
    row.status = STATUS_WORDS.get(status)
    if status and row.status is None:
        row.problems.append(f"The status {status!r} is not one this site knows; left out.")
    row.score = score_of(cell("score"), Decimal(10), row)
    row.episodes_seen = whole(cell("episodes_seen"), row, "episode count")
    row.started_on = day(cell("started_on"), row, "start date")
    row.finished_on = day(cell("finished_on"), row, "finish date")
    row.rewatch_count = whole(cell("rewatch_count"), row, "rewatch count", 999)
    row.note = cell("note")
    row.priority = cell("priority").lower() if cell("priority").lower() in PRIORITIES else ""
    row.private = flag(cell("is_private"))
    row.changed_on = day(cell("updated_at"), row, "change date")
    return row
