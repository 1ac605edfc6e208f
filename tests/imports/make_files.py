"""Write the import fixtures (tests/imports/files) for the catalogue of catalogue.py, with the
mess members' real files have: romanised, native and English names, typos, case and accents,
namesakes, duplicates, titles the catalogue lacks, dates that are no dates, scores out of
range. The same files on every run: `python -m tests.imports.make_files`.
"""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from datetime import date, timedelta
from pathlib import Path

from tests.imports.catalogue import FILMS_OF_SERIES, Entry, entries

FILES = Path(__file__).parent / "files"
UNKNOWN = [
    "Kiri no Oka", "Tetsu no Shiro", "Midnight Bakery Club", "Hanabi Taikai Monogatari",
    "Orenji Densha", "The Last Typhoon Diary", "Kumo no Ito", "Glass Lighthouse",
    "Sakana to Neko", "Mugen Ressha Zero", "Paper Crane Avenue", "Ginga Keisatsu",
    "Tokei Jikake no Mori", "Neon Shrine", "Ishi no Koe",
]  # fmt: skip
MAL_STATUSES = ["Completed"] * 6 + ["Watching", "Plan to Watch", "On-Hold", "Dropped"]
ANILIST_STATUSES = ["COMPLETED"] * 5 + ["CURRENT", "PLANNING", "PAUSED", "DROPPED", "REPEATING"]


def typo(name: str, rng: random.Random) -> str:
    """Two neighbouring letters swapped inside the longest word, as fast typing does."""
    words = name.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    at = rng.randrange(1, len(word) - 1)
    words[longest] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return " ".join(words)


def decorated(name: str, rng: random.Random) -> str:
    """The same name as another site styles it: capitals, long vowels, punctuation."""
    return rng.choice([name.upper(), name.replace("u", "ū", 1), f"{name}!", name.lower()])


def _dates(rng: random.Random, year: int) -> tuple[date, date]:
    start = date(max(year, 2008), 1, 1) + timedelta(days=rng.randrange(0, 3000))
    return start, start + timedelta(days=rng.randrange(5, 90))


def _mal_item(entry: Entry, name: str, rng: random.Random, *, bad: str = "") -> str:
    status = rng.choice(MAL_STATUSES)
    planned = status == "Plan to Watch"
    score = 0 if planned else rng.randint(4, 10)
    if bad == "score":
        score = rng.choice([11, 15, -2])
    start, finish = _dates(rng, entry.year)
    finished = "0000-00-00" if status != "Completed" else finish.isoformat()
    if bad == "date":
        finished = rng.choice(["2019-02-30", "2020-13-01", "someday"])
    episodes = entry.episodes or 1
    watched = {"Completed": episodes, "Watching": 3, "Plan to Watch": 0}.get(status, 2)
    note = rng.choice(
        ["", "", "", "Rewatched with friends", "The ending <3", "Slow start & worth it"]
    )
    return f"""  <anime>
    <series_animedb_id>{rng.randint(1, 60000)}</series_animedb_id>
    <series_title><![CDATA[{name}]]></series_title>
    <series_type>{"Movie" if entry.kind == "movie" else "TV"}</series_type>
    <series_episodes>{episodes}</series_episodes>
    <my_watched_episodes>{watched}</my_watched_episodes>
    <my_start_date>{"0000-00-00" if planned else start.isoformat()}</my_start_date>
    <my_finish_date>{finished}</my_finish_date>
    <my_score>{score}</my_score>
    <my_status>{status}</my_status>
    <my_times_watched>{rng.choice([0, 0, 0, 1, 2])}</my_times_watched>
    <my_comments><![CDATA[{note}]]></my_comments>
  </anime>
"""


def myanimelist(rng: random.Random) -> str:
    """About 300 entries, named as MyAnimeList names them (romanised) with its usual mess."""
    catalogue = entries()
    series = catalogue[: len(catalogue) - FILMS_OF_SERIES]
    rng.shuffle(series)
    items: list[str] = []
    plan = ([("plain", e) for e in series[:200]] + [("typo", e) for e in series[200:225]]
            + [("native", e) for e in series[225:240]] + [("english", e) for e in series[240:255]]
            + [("decorated", e) for e in series[255:265]])  # fmt: skip
    for number, (how, entry) in enumerate(plan):
        names = {"plain": entry.romaji, "native": entry.native, "english": entry.english}
        if how == "typo":
            names[how] = typo(entry.romaji, rng)
        if how == "decorated":
            names[how] = decorated(entry.romaji, rng)
        name = names[how]
        bad = "score" if number % 70 == 5 else "date" if number % 70 == 40 else ""
        items.append(_mal_item(entry, name, rng, bad=bad))
    for film in catalogue[len(catalogue) - FILMS_OF_SERIES :]:  # namesakes: the type chooses
        items.append(_mal_item(film, film.romaji, rng))
    for name in UNKNOWN:
        items.append(_mal_item(Entry(name, "", name, 2015, "drama", 12), name, rng))
    items.extend(items[i] for i in (3, 50, 120, 180, 240))  # listed twice
    header = ("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<myanimelist>\n  <myinfo>\n"
              "    <user_name>hanako</user_name>\n    <user_export_type>1</user_export_type>\n"
              f"    <user_total_anime>{len(items)}</user_total_anime>\n  </myinfo>\n")  # fmt: skip
    return header + "".join(items) + "</myanimelist>\n"


def _fuzzy(day: date | None) -> dict:
    if day is None:
        return {"year": None, "month": None, "day": None}
    return {"year": day.year, "month": day.month, "day": day.day}


def anilist(rng: random.Random) -> str:
    """An AniList MediaListCollection of 80 entries in the 100-point format."""
    catalogue = entries()
    picked = rng.sample(catalogue[:SERIES_TAKEN], 75)
    lists: dict[str, list] = {}
    for number, entry in enumerate(picked):
        status = rng.choice(ANILIST_STATUSES)
        romaji = typo(entry.romaji, rng) if number % 15 == 7 else entry.romaji
        start, finish = _dates(rng, entry.year)
        score = 0 if status == "PLANNING" else rng.randint(40, 100)
        if number == 33:
            score = 120
        media = {"title": {"romaji": romaji, "english": None if number % 9 == 4 else entry.english,
                           "native": entry.native},
                 "format": "MOVIE" if entry.kind == "movie" else "TV",
                 "seasonYear": entry.year, "episodes": entry.episodes}  # fmt: skip
        lists.setdefault(status, []).append({
            "status": status, "score": score,
            "progress": (entry.episodes or 1) if status == "COMPLETED" else rng.randint(0, 5),
            "repeat": 1 if status == "REPEATING" else 0,
            "startedAt": _fuzzy(None if status == "PLANNING" else start),
            "completedAt": _fuzzy(finish if status == "COMPLETED" else None)
            | ({"month": None} if number % 11 == 3 else {}),
            "notes": rng.choice([None, None, "Comfort watch", "Soundtrack on repeat"]),
            "updatedAt": 1_700_000_000 + number * 86_400,
            "media": media,
        })  # fmt: skip
    for name in UNKNOWN[:5]:
        lists.setdefault("COMPLETED", []).append({
            "status": "COMPLETED", "score": 70, "progress": 12, "repeat": 0,
            "startedAt": _fuzzy(None), "completedAt": _fuzzy(None), "notes": None,
            "media": {"title": {"romaji": name, "english": None, "native": None},
                      "format": "TV", "seasonYear": 2016},
        })  # fmt: skip
    collection = {"data": {"MediaListCollection": {
        "user": {"name": "hanako", "mediaListOptions": {"scoreFormat": "POINT_100"}},
        "lists": [{"name": status.title(), "status": status, "entries": found}
                  for status, found in lists.items()],
    }}}  # fmt: skip
    return json.dumps(collection, ensure_ascii=False, indent=1)


SERIES_TAKEN = 280


def _csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def letterboxd(rng: random.Random) -> bytes:
    """A Letterboxd export of the catalogue's films, by English name and year."""
    films = [e for e in entries() if e.kind == "movie"]
    watched, ratings, diary, reviews, watchlist = [], [], [], [], []
    for number, film in enumerate(films):
        name = typo(film.english, rng) if number in (4, 17) else film.english
        uri = f"https://boxd.it/{number:04x}"
        logged = date(2021, 1, 1) + timedelta(days=number * 9)
        if number % 8 == 7:
            watchlist.append([logged.isoformat(), name, film.year, uri])
            continue
        watched.append([logged.isoformat(), name, film.year, uri])
        stars = rng.choice(["2.5", "3", "3.5", "4", "4.5", "5"])
        ratings.append([logged.isoformat(), name, film.year, uri, stars])
        rewatch = "Yes" if number % 6 == 0 else ""
        diary.append([logged.isoformat(), name, film.year, uri, stars, rewatch, "",
                      logged.isoformat()])  # fmt: skip
        if number % 5 == 0:
            review = "A quiet film that stays with you."
            reviews.append([logged.isoformat(), name, film.year, uri, stars, "", review, "",
                            logged.isoformat()])  # fmt: skip
    for name in UNKNOWN[5:9]:
        watched.append(["2022-05-05", name, 2018, "https://boxd.it/zz"])
    watched.append(["2022-06-06", "Moon of Stars", "20l9", "https://boxd.it/bad"])  # a bad year
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        base = ["Date", "Name", "Year", "Letterboxd URI"]
        _add(archive, "watched.csv", _csv(base, watched))
        _add(archive, "ratings.csv", _csv([*base, "Rating"], ratings))
        _add(archive, "diary.csv", _csv([*base, "Rating", "Rewatch", "Tags", "Watched Date"],
                                           diary))  # fmt: skip
        _add(archive, "reviews.csv", _csv([*base, "Rating", "Rewatch", "Review", "Tags",
                                              "Watched Date"], reviews))  # fmt: skip
        _add(archive, "watchlist.csv", _csv(base, watchlist))
        _add(archive, "lists/favourites.csv", _csv(["Position", "Name", "Year"], []))
        _add(archive, "profile.csv", _csv(["Username"], [["hanako"]]))
    return out.getvalue()


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    """A member of the zip dated the same on every run, so the file is too."""
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def spreadsheet(rng: random.Random) -> bytes:
    """A member's own spreadsheet: their column names, status words and mistakes."""
    catalogue = entries()
    rows = []
    for number, entry in enumerate(rng.sample(catalogue[:SERIES_TAKEN], 45)):
        name = typo(entry.english, rng) if number % 12 == 5 else entry.english
        status = rng.choice(["Completed", "completed", "Plan to watch", "on hold", "Watching",
                             "Dropped"])  # fmt: skip
        score = "" if status == "Plan to watch" else rng.choice(["7", "8.5", "9", "10", "6.5"])
        finished = f"2023-0{1 + number % 9}-1{number % 10}" if status.lower() == "completed" else ""
        rows.append([name, entry.native if number % 4 == 0 else "", entry.year, status, score,
                     finished, "=1+1" if number == 3 else ""])  # fmt: skip
    rows.append(["1 Litre of Tears", "1リットルの涙", 2005, "Completed", "12", "31/12/2020", ""])
    rows.extend([[name, "", 2019, "Completed", "8", "", ""] for name in UNKNOWN[9:12]])
    rows.append(rows[10])  # twice
    return _csv(["Name", "Native title", "Year", "Status", "Rating", "Finished", "Notes"], rows)


def main() -> None:
    FILES.mkdir(exist_ok=True)
    (FILES / "myanimelist.xml").write_text(myanimelist(random.Random(29)), encoding="utf-8")
    (FILES / "anilist.json").write_text(anilist(random.Random(30)), encoding="utf-8")
    (FILES / "letterboxd.zip").write_bytes(letterboxd(random.Random(31)))
    (FILES / "spreadsheet.csv").write_bytes(spreadsheet(random.Random(32)))


if __name__ == "__main__":
    main()
