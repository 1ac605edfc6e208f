"""Letterboxd's export zip: films watched, rated, logged in the diary, reviewed and planned,
each file keyed by the film's name and year, merged into one row per film."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from . import SourceRow, UnreadableFile, check_count, day, score_of, whole

# The files read, in the order they are merged: later ones add to what earlier ones said.
FILES = ("watchlist.csv", "watched.csv", "ratings.csv", "diary.csv", "reviews.csv")


def read(members: dict[str, bytes]) -> list[SourceRow]:
    films: dict[tuple[str, str], SourceRow] = {}
    # At the zip's top, or in one folder (a zip made again by hand); never in lists/.
    by_name = {
        name.rsplit("/", 1)[-1]: content
        for name, content in members.items()
        if name.count("/") <= 1 and not name.startswith("lists/")
    }
    for file in FILES:
        if file in by_name:
            for record in _records(file, by_name[file]):
                _merge(films, file, record)
    return check_count(list(films.values()))


def _records(file: str, content: bytes) -> list[dict[str, str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(f"{file} in the zip is not UTF-8.") from error
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "Name" not in reader.fieldnames:
        raise UnreadableFile(f"{file} in the zip has no Name column.")
    return list(reader)


def _merge(films: dict[tuple[str, str], SourceRow], file: str, record: dict[str, str]) -> None:
    name, year = (record.get("Name") or "").strip(), (record.get("Year") or "").strip()
    row = films.get((name.casefold(), year))
    if row is None:
        row = SourceRow(number=len(films) + 1, names=[name], kind="movie")
        row.year = whole(year, row, "year", 2100)
        films[(name.casefold(), year)] = row
        if not name:
            row.problems.append("No title; this row cannot be matched.")
    if file == "watchlist.csv":
        row.status = row.status or "plan_to_watch"
        return
    row.status = "completed"
    if record.get("Rating"):
        row.score = score_of(record["Rating"], Decimal(5), row)
    watched = day(record.get("Watched Date") or None, row, "watched date")
    if watched and (row.finished_on is None or watched > row.finished_on):
        row.finished_on = watched
    if file == "diary.csv" and (record.get("Rewatch") or "").strip().lower() == "yes":
        row.rewatch_count = (row.rewatch_count or 0) + 1
    if file == "reviews.csv" and (review := (record.get("Review") or "").strip()):
        row.note = review
