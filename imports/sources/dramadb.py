"""The site's own export: its dramadb.json, whose entries are in this site's terms already, so
they come back as they were exported (notes without the CSV's neutralising apostrophe)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import (
    KINDS,
    PRIORITIES,
    STATUSES,
    SourceRow,
    UnreadableFile,
    check_count,
    day,
    load_json,
    score_of,
    whole,
)

FORMAT = "dramadb export"


def is_export(found: Any) -> bool:
    return isinstance(found, dict) and found.get("format") == FORMAT


def read(data: bytes) -> list[SourceRow]:
    """dramadb.json from an export's zip."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableFile("dramadb.json in the zip is not UTF-8.") from error
    found = load_json(text)
    if not is_export(found):
        raise UnreadableFile("dramadb.json in the zip is not a dramadb export.")
    return rows(found)


def rows(found: dict) -> list[SourceRow]:
    entries = found.get("entries")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise UnreadableFile("The dramadb export holds no entries.")
    read_rows = []
    for number, entry in enumerate(entries, start=1):
        names = [str(entry[key]) for key in ("title", "native_title") if entry.get(key)]
        row = SourceRow(number=number, names=names or [""])
        row.year = whole(entry.get("year"), row, "year", 2100)
        row.kind = entry.get("kind") if entry.get("kind") in KINDS else None
        row.status = entry.get("status") if entry.get("status") in STATUSES else None
        row.score = score_of(entry.get("score"), Decimal(10), row)
        row.episodes_seen = whole(entry.get("episodes_seen"), row, "episode count")
        row.started_on = day(entry.get("started_on"), row, "start date")
        row.finished_on = day(entry.get("finished_on"), row, "finish date")
        row.rewatch_count = whole(entry.get("rewatch_count"), row, "rewatch count", 999)
        row.note = str(entry.get("note") or "")
        row.priority = entry.get("priority") if entry.get("priority") in PRIORITIES else ""
        row.private = entry.get("is_private") is True
        row.changed_on = day(entry.get("updated_at"), row, "change date")
        read_rows.append(row)
    return check_count(read_rows)
