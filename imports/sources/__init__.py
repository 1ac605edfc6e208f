"""Reading the files members bring from other sites: what a file is, judged by its content
and never by its name, and its rows in one shape whatever it came from.

Every reader works on bytes already read within FILE_MAX_BYTES, unpacks within
UNPACKED_MAX_BYTES, parses XML without entities or DTDs (defusedxml), and stops at ROWS_MAX
rows. A file it cannot read is refused with an UnreadableFile that says why in words.
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

FILE_MAX_BYTES = 10 * 1024 * 1024
UNPACKED_MAX_BYTES = 50 * 1024 * 1024
ZIP_MEMBERS_MAX = 500
ROWS_MAX = 20_000

STATUSES = ("watching", "completed", "plan_to_watch", "on_hold", "dropped")
KINDS = ("drama", "movie", "tv_show", "special")
PRIORITIES = ("high", "medium", "low")


class UnreadableFile(ValueError):
    """The file is not one this site reads; the message says why, for the member."""


@dataclass
class SourceRow:
    """One title from a member's file, in this site's terms: its names to match the catalogue
    with (the main one first), and what the member said about it. `problems` says what of the
    row could not be kept as it was (a date that is no date, a score out of range)."""

    number: int  # where it was in the file, counted from 1, for the member to find it
    names: list[str]
    year: int | None = None
    kind: str | None = None  # drama, movie, tv_show or special, when the file says
    status: str | None = None
    score: Decimal | None = None
    episodes_seen: int | None = None
    started_on: date | None = None
    finished_on: date | None = None
    rewatch_count: int | None = None
    note: str = ""
    priority: str = ""  # high, medium or low, for a title planned
    private: bool = False
    changed_on: date | None = None  # when the member last changed it, when the file says
    problems: list[str] = field(default_factory=list)

    @property
    def as_of(self) -> date | None:
        """The day the row speaks for: when it last changed, else when it was finished or
        started. Between a row and an entry already on the list, the later one wins."""
        return self.changed_on or self.finished_on or self.started_on


@dataclass(frozen=True)
class Kind:
    """What a file is."""

    slug: str  # mal, anilist, letterboxd, dramadb, csv
    label: str


MAL = Kind("mal", "MyAnimeList export (XML)")
ANILIST = Kind("anilist", "AniList list (JSON)")
LETTERBOXD = Kind("letterboxd", "Letterboxd export (zip)")
DRAMADB = Kind("dramadb", "dramadb export (zip)")
SPREADSHEET = Kind("csv", "Spreadsheet (CSV)")


def read_rows(data: bytes) -> tuple[Kind, list[SourceRow]]:
    """What `data` is and its rows; UnreadableFile when it is none of the kinds read here."""
    from . import anilist, dramadb, letterboxd, mal, spreadsheet

    if len(data) > FILE_MAX_BYTES:
        raise UnreadableFile(f"The file is larger than {FILE_MAX_BYTES // 2**20} MB.")
    if data.startswith(b"\x1f\x8b"):
        data = gunzip(data)
    if data.startswith(b"PK\x03\x04"):
        members = unzip(data)
        if "dramadb.json" in members:
            return DRAMADB, dramadb.read(members["dramadb.json"])
        if any(name.rsplit("/", 1)[-1] in letterboxd.FILES for name in members):
            return LETTERBOXD, letterboxd.read(members)
        raise UnreadableFile("The zip holds neither a Letterboxd export nor a dramadb export.")
    text = decode(data)
    start = text.lstrip()[:1]
    if start == "<":
        return MAL, mal.read(text)
    if start in ("{", "["):
        return ANILIST, anilist.read(text)
    return SPREADSHEET, spreadsheet.read(text)


def gunzip(data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as packed:
            unpacked = packed.read(UNPACKED_MAX_BYTES + 1)
    except (OSError, EOFError) as error:
        raise UnreadableFile("The file looks gzipped but cannot be unpacked.") from error
    if len(unpacked) > UNPACKED_MAX_BYTES:
        raise UnreadableFile(_too_big_unpacked())
    return unpacked


def unzip(data: bytes) -> dict[str, bytes]:
    """The zip's files by name, read within the limits whatever the zip says about itself:
    a member's stated size is not trusted, its bytes are counted as they are read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as error:
        raise UnreadableFile("The file looks like a zip but cannot be opened.") from error
    if len(infos) > ZIP_MEMBERS_MAX:
        raise UnreadableFile(f"The zip holds more than {ZIP_MEMBERS_MAX} files.")
    members: dict[str, bytes] = {}
    left = UNPACKED_MAX_BYTES
    for info in infos:
        try:
            with archive.open(info) as member:
                content = member.read(left + 1)
        except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as error:
            raise UnreadableFile(f"{info.filename} in the zip cannot be read.") from error
        left -= len(content)
        if left < 0:
            raise UnreadableFile(_too_big_unpacked())
        members[info.filename] = content
    return members


def _too_big_unpacked() -> str:
    return f"Unpacked, the file is larger than {UNPACKED_MAX_BYTES // 2**20} MB."


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise UnreadableFile(
        "The file is not text this page reads: save it as UTF-8 (a CSV, XML or JSON file), "
        "or upload the zip or .gz as the other site gave it."
    )


def load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise UnreadableFile(f"The JSON file cannot be read ({error}).") from error


def check_count(rows: list[SourceRow]) -> list[SourceRow]:
    if len(rows) > ROWS_MAX:
        raise UnreadableFile(f"The file holds more than {ROWS_MAX:,} titles; split it in two.")
    return rows


# Reading values, each giving None (and saying so in the row's problems) when it is not one.


def score_of(value: Decimal | float | str | None, scale: Decimal, row: SourceRow) -> Decimal | None:
    """A score on a scale whose top is `scale`, on this site's 1 to 10 in halves; 0 and
    nothing are no score."""
    try:
        number = Decimal(str(value).strip()) if value not in (None, "") else Decimal(0)
    except InvalidOperation:
        row.problems.append(f"The score {value!r} is not a number; left without a score.")
        return None
    if number == 0:
        return None
    if number < 0 or number > scale:
        row.problems.append(f"The score {value} is outside 0 to {scale}; left without a score.")
        return None
    halves = (number * 10 / scale * 2).quantize(Decimal(1), ROUND_HALF_UP)
    return max(Decimal(1), halves / 2)


def whole(value: object, row: SourceRow, what: str, most: int = 32_767) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        row.problems.append(f"The {what} {value!r} is not a whole number; left out.")
        return None
    if not 0 <= number <= most:
        row.problems.append(f"The {what} {number} is out of range; left out.")
        return None
    return number


def flag(value: object) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes", "y", "x")


def day(value: object, row: SourceRow, what: str) -> date | None:
    """A date written YYYY-MM-DD; MyAnimeList's 0000-00-00 and nothing are no date."""
    text = str(value or "").strip()
    if not text or text.startswith("0000"):
        return None
    try:
        parsed = date.fromisoformat(text[:10])
    except ValueError:
        row.problems.append(f"The {what} {text!r} is not a date; left out.")
        return None
    if not 1900 <= parsed.year <= date.today().year + 1:
        row.problems.append(f"The {what} {text} is not a likely date; left out.")
        return None
    return parsed
