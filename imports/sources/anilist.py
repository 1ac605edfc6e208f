"""AniList's lists in JSON: its API's MediaListCollection, or the entries alone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from . import SourceRow, UnreadableFile, check_count, day, dramadb, load_json, score_of, whole

STATUSES = {
    "CURRENT": "watching",
    "REPEATING": "watching",
    "COMPLETED": "completed",
    "PAUSED": "on_hold",
    "DROPPED": "dropped",
    "PLANNING": "plan_to_watch",
}
# AniList's score formats, each as the top of its scale. The three smileys of POINT_3 become
# 3, 6 and 9.
SCALES = {
    "POINT_100": Decimal(100),
    "POINT_10_DECIMAL": Decimal(10),
    "POINT_10": Decimal(10),
    "POINT_5": Decimal(5),
    "POINT_3": Decimal(10) / 3,
}
KINDS = {"TV": "drama", "TV_SHORT": "drama", "ONA": "drama", "MOVIE": "movie",
         "SPECIAL": "special", "OVA": "special"}  # fmt: skip


def read(text: str) -> list[SourceRow]:
    found = load_json(text)
    if dramadb.is_export(found):  # dramadb.json, taken out of its zip
        return dramadb.rows(found)
    entries, scale_name = _entries(found)
    scale = SCALES.get(scale_name or "") or _guess_scale(entries)
    rows = [_row(number, entry, scale) for number, entry in enumerate(entries, start=1)]
    return check_count(rows)


def _entries(found: Any) -> tuple[list[dict], str | None]:
    """The entries wherever the JSON keeps them, and the score format if it says."""
    if isinstance(found, dict):
        found = found.get("data", found)
        collection = found.get("MediaListCollection", found) if isinstance(found, dict) else {}
        if isinstance(collection, dict) and isinstance(collection.get("lists"), list):
            options = (collection.get("user") or {}).get("mediaListOptions") or {}
            entries = [
                entry
                for group in collection["lists"]
                if isinstance(group, dict)
                for entry in group.get("entries") or []
            ]
            return _dicts(entries), options.get("scoreFormat")
    if isinstance(found, list):
        return _dicts(found), None
    raise UnreadableFile("The JSON file is not an AniList list (no lists of entries).")


def _dicts(entries: list) -> list[dict]:
    if not all(isinstance(entry, dict) for entry in entries):
        raise UnreadableFile("The JSON file's entries are not all objects.")
    return entries


def _guess_scale(entries: list[dict]) -> Decimal:
    """Without a stated format: scores over 10 mean the 100-point one."""
    scores = [entry.get("score") for entry in entries]
    numbers = [s for s in scores if isinstance(s, int | float) and not isinstance(s, bool)]
    return SCALES["POINT_100"] if any(s > 10 for s in numbers) else SCALES["POINT_10"]


def _row(number: int, entry: dict, scale: Decimal) -> SourceRow:
    media = _dict(entry.get("media"))
    titles = _dict(media.get("title"))
    names = [str(titles[key]) for key in ("romaji", "english", "native") if titles.get(key)]
    row = SourceRow(number=number, names=names or [""])
    if not names:
        row.problems.append("No title; this row cannot be matched.")
    start = _dict(media.get("startDate"))
    row.year = whole(media.get("seasonYear") or start.get("year"), row, "year", 2100)
    row.kind = KINDS.get(str(media.get("format") or ""))
    status = str(entry.get("status") or "")
    row.status = STATUSES.get(status)
    if status and row.status is None:
        row.problems.append(f"The status {status!r} is not one this site knows; left out.")
    row.score = score_of(entry.get("score"), scale, row)
    row.episodes_seen = whole(entry.get("progress"), row, "episode count")
    row.started_on = _fuzzy_date(entry.get("startedAt"), row, "start date")
    row.finished_on = _fuzzy_date(entry.get("completedAt"), row, "finish date")
    row.rewatch_count = whole(entry.get("repeat"), row, "rewatch count", 999)
    row.note = str(entry.get("notes") or "")
    row.changed_on = _moment(entry.get("updatedAt"))
    return row


def _moment(value: Any) -> date | None:
    """AniList's updatedAt, seconds since 1970; nothing when it is not a likely moment."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**33:
        return None
    return datetime.fromtimestamp(value, tz=UTC).date()


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _fuzzy_date(value: Any, row: SourceRow, what: str) -> Any:
    """AniList's {year, month, day}, any of them null: a date only when all three are given."""
    if not isinstance(value, dict) or not all(value.get(k) for k in ("year", "month", "day")):
        return None
    try:
        text = f"{int(value['year']):04}-{int(value['month']):02}-{int(value['day']):02}"
    except (TypeError, ValueError):
        text = str(value)
    return day(text, row, what)
