"""Reading members' files from other sites: each format into rows, and hostile files refused
with a message."""

import gzip
import io
import json
import zipfile
from datetime import date
from decimal import Decimal

import pytest

from imports.sources import (
    ANILIST,
    DRAMADB,
    FILE_MAX_BYTES,
    LETTERBOXD,
    MAL,
    SPREADSHEET,
    UNPACKED_MAX_BYTES,
    UnreadableFile,
    read_rows,
)

MAL_XML = """<?xml version="1.0" encoding="UTF-8" ?>
<myanimelist>
  <myinfo><user_name>hanako</user_name><user_export_type>1</user_export_type></myinfo>
  <anime>
    <series_title><![CDATA[Ichi Rittoru no Namida]]></series_title><series_type>TV</series_type>
    <my_watched_episodes>11</my_watched_episodes><my_start_date>2006-01-02</my_start_date>
    <my_finish_date>2006-01-20</my_finish_date><my_score>9</my_score>
    <my_status>Completed</my_status><my_times_watched>1</my_times_watched>
    <my_comments><![CDATA[Every time.]]></my_comments>
  </anime>
  <anime>
    <series_title>Code Blue</series_title><my_score>0</my_score><my_status>Plan to Watch</my_status>
    <my_start_date>0000-00-00</my_start_date><my_finish_date>2010-13-45</my_finish_date>
  </anime>
  <anime><series_title>Over the top</series_title><my_score>11</my_score>
    <my_status>Rewatching</my_status></anime>
</myanimelist>
"""


def test_a_myanimelist_export_plain_and_gzipped():
    for data in (MAL_XML.encode(), gzip.compress(MAL_XML.encode())):
        kind, rows = read_rows(data)
        assert kind == MAL
        tears, blue, over = rows
        assert tears.names == ["Ichi Rittoru no Namida"] and tears.kind == "drama"
        assert (tears.status, tears.score, tears.episodes_seen) == ("completed", Decimal(9), 11)
        assert (tears.started_on, tears.finished_on) == (date(2006, 1, 2), date(2006, 1, 20))
        assert (tears.rewatch_count, tears.note, tears.problems) == (1, "Every time.", [])
        assert (blue.status, blue.score, blue.started_on, blue.finished_on) == (
            "plan_to_watch", None, None, None)  # fmt: skip
        assert blue.problems == ["The finish date '2010-13-45' is not a date; left out."]
        assert over.score is None and over.status is None
        assert len(over.problems) == 2


ANILIST_JSON = {
    "data": {
        "MediaListCollection": {
            "user": {"mediaListOptions": {"scoreFormat": "POINT_100"}},
            "lists": [
                {
                    "name": "Completed",
                    "entries": [
                        {
                            "status": "COMPLETED",
                            "score": 87,
                            "progress": 16,
                            "repeat": 2,
                            "notes": "The ending.",
                            "startedAt": {"year": 2020, "month": 1, "day": 5},
                            "completedAt": {"year": 2020, "month": None, "day": None},
                            "media": {
                                "title": {
                                    "romaji": "Sarang-ui Bulsichak",
                                    "english": "Crash Landing on You",
                                    "native": "사랑의 불시착",
                                },
                                "format": "TV",
                                "seasonYear": 2019,
                            },
                        },
                        {"status": "PLANNING", "score": 0, "media": {"title": {}}},
                    ],
                }
            ],
        }
    }
}


def test_an_anilist_list_with_its_score_format():
    kind, (crash, nameless) = read_rows(json.dumps(ANILIST_JSON).encode())
    assert kind == ANILIST
    assert crash.names == ["Sarang-ui Bulsichak", "Crash Landing on You", "사랑의 불시착"]
    assert (crash.year, crash.kind, crash.status) == (2019, "drama", "completed")
    assert crash.score == Decimal("8.5")  # 87 of 100, to the nearest half
    assert (crash.episodes_seen, crash.rewatch_count, crash.note) == (16, 2, "The ending.")
    assert (crash.started_on, crash.finished_on) == (date(2020, 1, 5), None)
    assert nameless.status == "plan_to_watch" and nameless.problems


@pytest.mark.parametrize(
    ("scale", "score", "expected"),
    [("POINT_5", 4, "8"), ("POINT_3", 2, "6"), ("POINT_10_DECIMAL", 7.3, "7.5"),
     ("POINT_10", 10, "10"), ("POINT_100", 3, "1")],
)  # fmt: skip
def test_anilist_score_formats_become_halves_from_1_to_10(scale, score, expected):
    collection = {"user": {"mediaListOptions": {"scoreFormat": scale}},
                  "lists": [{"entries": [{"status": "COMPLETED", "score": score,
                                          "media": {"title": {"romaji": "X"}}}]}]}  # fmt: skip
    _, (row,) = read_rows(json.dumps({"MediaListCollection": collection}).encode())
    assert row.score == Decimal(expected)


def _zip(files: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_a_letterboxd_zip_merges_its_files_by_film():
    data = _zip({
        "watched.csv": "Date,Name,Year,Letterboxd URI\n2024-01-01,Train to Busan,2016,x\n",
        "ratings.csv": ("Date,Name,Year,Letterboxd URI,Rating\n"
                        "2024-01-01,Train to Busan,2016,x,4.5\n"),
        "diary.csv": ("Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
                      "2024-01-01,Train to Busan,2016,x,4.5,,,2023-12-30\n"
                      "2024-03-01,Train to Busan,2016,x,4.5,Yes,,2024-02-28\n"),
        "reviews.csv": ("Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n"
                        "2024-03-01,Train to Busan,2016,x,4.5,Yes,Still works.,,2024-02-28\n"),
        "watchlist.csv": "Date,Name,Year,Letterboxd URI\n2024-01-01,Parasite,2019,y\n",
        "lists/favourites.csv": "Letterboxd list export v7\n",
    })  # fmt: skip
    kind, rows = read_rows(data)
    assert kind == LETTERBOXD
    films = {row.names[0]: row for row in rows}
    busan = films["Train to Busan"]
    assert (busan.year, busan.kind, busan.status, busan.score) == (
        2016, "movie", "completed", Decimal(9))  # fmt: skip
    assert (busan.finished_on, busan.rewatch_count, busan.note) == (
        date(2024, 2, 28), 1, "Still works.")  # fmt: skip
    assert films["Parasite"].status == "plan_to_watch" and films["Parasite"].score is None


def test_a_spreadsheet_with_the_templates_header_or_other_names_for_its_columns():
    text = ("Name;Year;Type;Status;Rating;Episodes;Notes\n"
            "1 Litre of Tears;2005;drama;Completed;9.5;11;'=cry\n"
            ";;;;;;\n"
            "Pure Soul;2004;drama;on hold;12;x;\n")  # fmt: skip
    kind, (tears, soul) = read_rows(text.encode("utf-8-sig"))
    assert kind == SPREADSHEET
    assert (tears.names, tears.year, tears.status, tears.score) == (
        ["1 Litre of Tears"], 2005, "completed", Decimal("9.5"))  # fmt: skip
    assert tears.note == "=cry"  # an export's neutralised cell, as the member wrote it
    assert (soul.status, soul.score, soul.episodes_seen) == ("on_hold", None, None)
    assert len(soul.problems) == 2


def test_the_sites_own_export_is_read_from_its_json():
    entry = {"title": "1 Litre of Tears", "native_title": "1リットルの涙", "year": "2005",
             "kind": "drama", "status": "completed", "score": "9.5", "episodes_seen": 11,
             "started_on": "2024-01-01", "finished_on": "", "rewatch_count": 2,
             "note": "=HYPERLINK()"}  # fmt: skip
    export = {"format": "dramadb export", "version": 1, "entries": [entry]}
    kind, (row,) = read_rows(_zip({"dramadb.json": json.dumps(export), "entries.csv": "x"}))
    assert kind == DRAMADB
    assert row.names == ["1 Litre of Tears", "1リットルの涙"] and row.note == "=HYPERLINK()"
    assert (row.score, row.rewatch_count, row.started_on) == (Decimal("9.5"), 2, date(2024, 1, 1))


# Hostile files: each refused with a message that says why.


def test_a_zip_bomb_is_refused_by_what_it_unpacks_to():
    bomb = _zip({"watched.csv": b"0" * (UNPACKED_MAX_BYTES + 10)})
    assert len(bomb) < FILE_MAX_BYTES // 100
    with pytest.raises(UnreadableFile, match="Unpacked, the file is larger than 50 MB"):
        read_rows(bomb)


def test_a_gzip_bomb_is_refused_too():
    bomb = gzip.compress(b" " * (UNPACKED_MAX_BYTES + 10))
    with pytest.raises(UnreadableFile, match="Unpacked, the file is larger than 50 MB"):
        read_rows(bomb)


def test_xml_entity_expansion_is_refused():
    laughs = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<myanimelist><anime><series_title>&lol3;</series_title></anime></myanimelist>"""
    with pytest.raises(UnreadableFile, match="declares entities or a DTD"):
        read_rows(laughs.encode())


def test_a_file_past_the_size_limit_is_refused():
    with pytest.raises(UnreadableFile, match="larger than 10 MB"):
        read_rows(b"title\n" + b"x\n" * (FILE_MAX_BYTES // 2))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text this page reads"),
        (b"PK\x03\x04 not really a zip", "cannot be opened"),
        (b"<html><body>hello</body></html>", "not a MyAnimeList export"),
        (b"<myanimelist><anime>", "not well-formed"),
        (b'{"lists": 3}', "not an AniList list"),
        (b"[1, 2]", "not all objects"),
        (b"[" * 100_000, "cannot be read"),
        (b"score,status\n9,completed\n", "needs a header row with a 'title' column"),
        (_zip({"notes.txt": "hello"}), "neither a Letterboxd export nor a dramadb export"),
    ],
)
def test_a_file_of_another_kind_is_refused_whatever_its_name(data, message):
    with pytest.raises(UnreadableFile, match=message):
        read_rows(data)
