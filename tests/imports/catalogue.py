"""A catalogue for the import fixtures: 300 Japanese titles, each with an English name, a native
name and its romanisation (stored as an alternative name, as editors add them), plus the demo's
reference title and namesakes told apart only by their year and kind (a drama and its film).

The names are made from pairs of words ("Hoshi no Umi", 星の海, "Sea of Stars"), so the
fixture files (tests/imports/files, written by make_files.py) can name them every way members'
files do: romanised, native, English, with typos, with or without a year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from titles.models import Title

WORDS = [
    ("hoshi", "星", "Stars"), ("tsuki", "月", "Moon"), ("hana", "花", "Flowers"),
    ("umi", "海", "Sea"), ("sora", "空", "Sky"), ("kaze", "風", "Wind"), ("yuki", "雪", "Snow"),
    ("ame", "雨", "Rain"), ("mori", "森", "Forest"), ("yume", "夢", "Dreams"),
    ("hikari", "光", "Light"), ("kokoro", "心", "Heart"), ("michi", "道", "Road"),
    ("shima", "島", "Island"), ("machi", "町", "Town"), ("uta", "歌", "Song"),
    ("natsu", "夏", "Summer"), ("fuyu", "冬", "Winter"), ("haru", "春", "Spring"),
]  # fmt: skip
SIZE = 300
FILMS_OF_SERIES = 12  # namesakes: the first series have a film of the same name, years later


@dataclass(frozen=True)
class Entry:
    romaji: str
    native: str
    english: str
    year: int
    kind: str
    episodes: int | None


def entries() -> list[Entry]:
    """The catalogue, the same on every run."""
    made: list[Entry] = []
    for first, first_native, first_english in WORDS:
        for second, second_native, second_english in WORDS:
            if first == second:
                continue
            n = len(made)
            made.append(Entry(
                romaji=f"{first.capitalize()} no {second.capitalize()}",
                native=f"{first_native}の{second_native}",
                english=f"{second_english} of {first_english}",
                year=1995 + n % 29,
                kind="movie" if n % 10 == 9 else "drama",
                episodes=None if n % 10 == 9 else 10 + n % 3,
            ))  # fmt: skip
    made = made[:SIZE]
    films = [Entry(e.romaji, e.native, e.english, e.year + 2, "movie", None)
             for e in made[:FILMS_OF_SERIES] if e.kind == "drama"]  # fmt: skip
    return made + films


def load() -> dict[str, Title]:
    """Put the catalogue in the database in bulk; its titles by English name (and year, for
    the namesakes' films: "Name (year)")."""
    from titles.keys import search_key
    from titles.models import AlternativeTitle, Title

    titles = [
        Title(
            title=e.english,
            native_title=e.native,
            year=e.year,
            kind=e.kind,
            country="JP",
            episodes=e.episodes,
            aired_from=date(e.year, 4, 1),
            aired_to=date(e.year, 6, 30),
            slug=f"{e.english.lower().replace(' ', '-')}-{e.year}",
            search_key=search_key(e.english, e.native),
        )
        for e in entries()
    ]
    tears = Title(title="1 Litre of Tears", native_title="1リットルの涙", year=2005, kind="drama",
                  country="JP", episodes=11, aired_from=date(2005, 10, 11),
                  aired_to=date(2005, 12, 20), slug="1-litre-of-tears",
                  search_key=search_key("1 Litre of Tears", "1リットルの涙"))  # fmt: skip
    created = Title.objects.bulk_create([*titles, tears])
    AlternativeTitle.objects.bulk_create(
        AlternativeTitle(title=title, name=e.romaji, search_key=search_key(e.romaji))
        for title, e in zip(created, entries(), strict=False)
    )
    by_name: dict[str, Title] = {}
    for title in created:
        name = title.title if title.title not in by_name else f"{title.title} ({title.year})"
        by_name[name] = title
    return by_name
