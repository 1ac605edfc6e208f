"""What an export holds and how it is written: a CSV file per kind of thing a member owns, one
JSON file of all of it, and their list as MyAnimeList's XML, in one zip.

Every file is written row by row from querysets read in chunks, so an export of 20,000 entries
holds a chunk in memory, not the whole list. CSV cells that a spreadsheet would take for a
formula are neutralised; the JSON and the XML keep every value as it is.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import IO, Any
from xml.sax.saxutils import XMLGenerator
from xml.sax.xmlreader import AttributesImpl

from django.utils import timezone

from accounts.models import User
from comments import selectors as comments_selectors
from lists import selectors as lists_selectors
from reviews import selectors as reviews_selectors
from reviews.models import ListEntry
from titles.models import Title

CHUNK = 1000
# What a spreadsheet reads as the start of a formula (OWASP's list): such a cell gets a
# leading apostrophe, which spreadsheets show as text and do not run.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMAT_VERSION = 1

Row = dict[str, Any]


@dataclass(frozen=True)
class Section:
    """One kind of thing a member owns: `name`.csv, and `name` in the JSON file."""

    name: str
    columns: tuple[str, ...]
    rows: Callable[[User], Iterator[Row]]
    count: Callable[[User], int]


def _entries(user: User) -> Iterator[Row]:
    for entry in reviews_selectors.entries_of(user).iterator(chunk_size=CHUNK):
        yield {
            **_title(entry.title),
            "status": entry.status,
            "score": _text(entry.score),
            "episodes_seen": entry.episodes_seen,
            "episodes": _text(entry.title.episodes),
            "started_on": _text(entry.started_on),
            "finished_on": _text(entry.finished_on),
            "rewatch_count": entry.rewatch_count,
            "priority": entry.priority,
            "is_private": entry.is_private,
            "note": entry.note,
            "updated_at": _text(entry.updated_at),
        }


def _reviews(user: User) -> Iterator[Row]:
    for review in reviews_selectors.reviews_of(user).iterator(chunk_size=CHUNK):
        yield {
            **_title(review.title),
            "headline": review.headline,
            "body": review.body,
            **{name: _text(getattr(review, name)) for name in REVIEW_SCORES},
            "is_spoiler": review.is_spoiler,
            "episodes_seen": review.episodes_seen,
            "hidden_by_moderators": review.state != review.State.VISIBLE,
            "helpful_yes": review.helpful_yes,
            "helpful_total": review.helpful_total,
            "created_at": _text(review.created_at),
            "updated_at": _text(review.updated_at),
        }


def _comments(user: User) -> Iterator[Row]:
    """With the name of the title each is on, looked up a chunk at a time."""
    for chunk in _chunks(comments_selectors.comments_by(user).iterator(chunk_size=CHUNK)):
        on_titles = [c.object_id for c in chunk if c.content_type.model_class() is Title]
        titles = Title.objects.only("title").in_bulk(on_titles)
        for comment in chunk:
            on = titles.get(comment.object_id) if comment.object_id in on_titles else None
            yield {
                "id": comment.pk,
                "on": comment.content_type.model,
                "on_id": comment.object_id,
                "on_name": on.title if on else "",
                "parent_id": _text(comment.parent_id),
                "body": comment.body,
                "is_spoiler": comment.is_spoiler,
                "hidden_by_moderators": comment.state != comment.State.VISIBLE,
                "created_at": _text(comment.created_at),
                "edited_at": _text(comment.edited_at),
            }


def _list_items(user: User) -> Iterator[Row]:
    """Each title on each of the member's lists, in the list's order."""
    position, current = 0, None
    for item in lists_selectors.items_of(user).iterator(chunk_size=CHUNK):
        position = position + 1 if item.custom_list_id == current else 1
        current = item.custom_list_id
        yield {
            "list_id": item.custom_list_id,
            "list_name": item.custom_list.name,
            "list_is_private": item.custom_list.is_private,
            "position": position,
            **_title(item.title),
            "note": item.note,
        }


def _lists(user: User) -> Iterator[Row]:
    for custom_list in lists_selectors.lists_of_owner(user).iterator(chunk_size=CHUNK):
        yield {
            "list_id": custom_list.pk,
            "name": custom_list.name,
            "description": custom_list.description,
            "is_private": custom_list.is_private,
            "created_at": _text(custom_list.created_at),
        }


def _favorites(user: User) -> Iterator[Row]:
    titles, people = lists_selectors.favorites_of(user)
    for position, favorite in enumerate(titles, start=1):
        yield {"kind": "title", "position": position, "id": favorite.title_id,
               "name": favorite.title.title}  # fmt: skip
    for liked in people:
        yield {"kind": "person", "position": "", "id": liked.person_id,
               "name": liked.person.name}  # fmt: skip


TITLE_COLUMNS = ("title_id", "title", "native_title", "year", "kind")
REVIEW_SCORES = ("overall", "story", "acting", "music", "rewatch")
SECTIONS = [
    Section(
        "entries",
        (
            *TITLE_COLUMNS,
            "status",
            "score",
            "episodes_seen",
            "episodes",
            "started_on",
            "finished_on",
            "rewatch_count",
            "priority",
            "is_private",
            "note",
            "updated_at",
        ),
        _entries,
        lambda user: reviews_selectors.entries_of(user).count(),
    ),
    Section(
        "reviews",
        (
            *TITLE_COLUMNS,
            "headline",
            "body",
            *REVIEW_SCORES,
            "is_spoiler",
            "episodes_seen",
            "hidden_by_moderators",
            "helpful_yes",
            "helpful_total",
            "created_at",
            "updated_at",
        ),
        _reviews,
        lambda user: reviews_selectors.reviews_of(user).count(),
    ),
    Section(
        "comments",
        (
            "id",
            "on",
            "on_id",
            "on_name",
            "parent_id",
            "body",
            "is_spoiler",
            "hidden_by_moderators",
            "created_at",
            "edited_at",
        ),
        _comments,
        lambda user: comments_selectors.comments_by(user).count(),
    ),
    Section(
        "lists",
        ("list_id", "name", "description", "is_private", "created_at"),
        _lists,
        lambda user: lists_selectors.lists_of_owner(user).count(),
    ),
    Section(
        "list_items",
        ("list_id", "list_name", "list_is_private", "position", *TITLE_COLUMNS, "note"),
        _list_items,
        lambda user: lists_selectors.items_of(user).count(),
    ),
    Section(
        "favorites",
        ("kind", "position", "id", "name"),
        _favorites,
        lambda user: sum(favorites.count() for favorites in lists_selectors.favorites_of(user)),
    ),
]
MAL_FILE = "myanimelist.xml"
JSON_FILE = "dramadb.json"


def rows_to_write(user: User) -> int:
    """How many rows an export of `user` writes: each section twice (CSV and JSON), and the
    entries once more (MyAnimeList's XML)."""
    counts = {section.name: section.count(user) for section in SECTIONS}
    return 2 * sum(counts.values()) + counts["entries"]


def write_export(user: User, out: IO[bytes], progress: Callable[[int], None]) -> None:
    """Write the zip of everything `user` owns to `out`, calling `progress` with the rows
    written so far every CHUNK rows."""
    written = 0

    def counted(rows: Iterable[Row]) -> Iterator[Row]:
        nonlocal written
        for row in rows:
            yield row
            written += 1
            if written % CHUNK == 0:
                progress(written)

    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for section in SECTIONS:
            with _text_member(archive, f"{section.name}.csv") as text:
                _write_csv(text, section.columns, counted(section.rows(user)))
        with _text_member(archive, JSON_FILE) as text:
            _write_json(text, user, {s.name: counted(s.rows(user)) for s in SECTIONS})
        with _text_member(archive, MAL_FILE) as text:
            write_mal_xml(text, user, reviews_selectors.entries_of(user), counted)
        archive.writestr("README.md", README)
    progress(written)


def _text_member(archive: zipfile.ZipFile, name: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(archive.open(name, "w"), encoding="utf-8", newline="")


def _write_csv(text: IO[str], columns: tuple[str, ...], rows: Iterable[Row]) -> None:
    writer = csv.writer(text)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([spreadsheet_safe(_cell(row[column])) for column in columns])


def _write_json(text: IO[str], user: User, sections: dict[str, Iterable[Row]]) -> None:
    """One JSON object, written a row at a time."""
    head = {
        "format": "dramadb export",
        "version": FORMAT_VERSION,
        "exported_at": _text(timezone.now()),
        "member": {
            "username": user.username,
            "date_joined": _text(user.date_joined),
            "bio": user.bio,
        },
    }
    text.write(json.dumps(head, ensure_ascii=False)[:-1])
    for name, rows in sections.items():
        text.write(f', "{name}": [')
        for number, row in enumerate(rows):
            text.write((", " if number else "") + json.dumps(row, ensure_ascii=False))
        text.write("]")
    text.write("}\n")


MAL_STATUS = {
    ListEntry.Status.WATCHING: "Watching",
    ListEntry.Status.COMPLETED: "Completed",
    ListEntry.Status.ON_HOLD: "On-Hold",
    ListEntry.Status.DROPPED: "Dropped",
    ListEntry.Status.PLAN_TO_WATCH: "Plan to Watch",
}
NO_ATTRIBUTES = AttributesImpl({})
MAL_TYPE = {"drama": "TV", "tv_show": "TV", "movie": "Movie", "special": "Special"}


def write_mal_xml(text: io.TextIOBase, user: User, entries: Iterable[ListEntry],
                  counted: Callable[[Iterable[Any]], Iterator[Any]]) -> None:  # fmt: skip
    """The list in the shape of MyAnimeList's export. MyAnimeList scores are whole numbers:
    a half is rounded up (7.5 becomes 8), and no score is 0. Titles carry no MyAnimeList id
    (0), so a site importing it matches them by name."""
    xml = XMLGenerator(text, encoding="utf-8", short_empty_elements=True)
    xml.startDocument()
    xml.startElement("myanimelist", NO_ATTRIBUTES)
    _element(xml, "myinfo", {"user_name": user.username, "user_export_type": "1"})
    for entry in counted(entries):
        score = entry.score.quantize(Decimal(1), ROUND_HALF_UP) if entry.score else 0
        _element(xml, "anime", {
            "series_animedb_id": "0",
            "series_title": entry.title.title,
            "series_type": MAL_TYPE.get(entry.title.kind, "TV"),
            "series_episodes": str(entry.title.episodes or 0),
            "my_watched_episodes": str(entry.episodes_seen),
            "my_start_date": _text(entry.started_on) or "0000-00-00",
            "my_finish_date": _text(entry.finished_on) or "0000-00-00",
            "my_score": str(score),
            "my_status": MAL_STATUS[ListEntry.Status(entry.status)],
            "my_times_watched": str(entry.rewatch_count),
            "my_priority": (entry.priority or "low").upper(),
            "my_comments": entry.note,
            "update_on_import": "1",
        })  # fmt: skip
    xml.endElement("myanimelist")
    xml.endDocument()


def _element(xml: XMLGenerator, name: str, children: dict[str, str]) -> None:
    xml.startElement(name, NO_ATTRIBUTES)
    for child, value in children.items():
        xml.startElement(child, NO_ATTRIBUTES)
        xml.characters(value)
        xml.endElement(child)
    xml.endElement(name)


def spreadsheet_safe(value: str) -> str:
    """`value` as a spreadsheet shows it without running it: a cell that starts like a
    formula gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _title(title: Title) -> Row:
    return {"title_id": title.pk, "title": title.title, "native_title": title.native_title,
            "year": _text(title.year), "kind": title.kind}  # fmt: skip


def _text(value: object) -> str:
    """Dates and times in ISO 8601, nothing as an empty string, the rest as written."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _text(value)


def _chunks(items: Iterator[Any]) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


README = """\
# Everything you own on dramadb

As of the date of this export:

| file | what it holds |
|---|---|
| entries.csv | your list: status, score (1 to 10 in halves), episodes, dates, rewatches, |
| | priority, whether the entry is private, and your private note |
| reviews.csv | your reviews, with their sub-scores |
| comments.csv | your comments (not the ones you deleted) |
| lists.csv, list_items.csv | your own lists, and the titles on them in order, with notes |
| favorites.csv | your favorite titles (in your order) and people |
| dramadb.json | all of the above in one file |
| myanimelist.xml | your list in the shape of MyAnimeList's export (whole-number scores) |

CSV files are UTF-8. A cell that begins with = + - @ has a ' in front of it, so that a
spreadsheet shows it as text rather than running it as a formula.
"""
