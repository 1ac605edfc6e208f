"""MyAnimeList's list export: `<myanimelist>` with an `<anime>` (or `<manga>`) per title."""

from __future__ import annotations

from decimal import Decimal
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from . import SourceRow, UnreadableFile, check_count, day, score_of, whole

STATUSES = {
    "watching": "watching",
    "completed": "completed",
    "on-hold": "on_hold",
    "dropped": "dropped",
    "plan to watch": "plan_to_watch",
    # MyAnimeList's numbers for them, in older exports
    "1": "watching",
    "2": "completed",
    "3": "on_hold",
    "4": "dropped",
    "6": "plan_to_watch",
}
KINDS = {"tv": "drama", "ona": "drama", "ova": "special", "special": "special", "movie": "movie"}


def read(text: str) -> list[SourceRow]:
    try:
        root = fromstring(text, forbid_dtd=True)
    except DefusedXmlException as error:
        raise UnreadableFile(
            "The XML file declares entities or a DTD, which is refused."
        ) from error
    except ParseError as error:
        raise UnreadableFile(f"The XML file is not well-formed ({error}).") from error
    if root.tag != "myanimelist":
        raise UnreadableFile("The XML file is not a MyAnimeList export (no <myanimelist>).")
    items = [item for item in root if item.tag in ("anime", "manga")]
    return check_count([_row(number, item) for number, item in enumerate(items, start=1)])


def _row(number: int, item: Element) -> SourceRow:
    def text(name: str) -> str:
        return (item.findtext(name) or "").strip()

    row = SourceRow(number=number, names=[text("series_title")])
    if not row.names[0]:
        row.problems.append("No title; this row cannot be matched.")
    row.kind = KINDS.get(text("series_type").lower())
    status = text("my_status").lower()
    row.status = STATUSES.get(status)
    if status and row.status is None:
        row.problems.append(f"The status {status!r} is not one this site knows; left out.")
    row.score = score_of(text("my_score"), Decimal(10), row)
    row.episodes_seen = whole(text("my_watched_episodes"), row, "episode count")
    row.started_on = day(text("my_start_date"), row, "start date")
    row.finished_on = day(text("my_finish_date"), row, "finish date")
    row.rewatch_count = whole(text("my_times_watched"), row, "rewatch count", 999)
    row.note = text("my_comments")
    return row
