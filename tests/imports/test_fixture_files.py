"""The fixture files (make_files.py) against their catalogue: how many rows match by
themselves, how many need the member's choice, how many are not found, and that none is
matched to the wrong title. The counts are this design's match rates; a change to matching
that makes them worse fails here."""

from collections import Counter
from pathlib import Path

import pytest

from imports.models import Import, ImportRow
from imports.services import import_upload
from tests.imports import catalogue
from titles.models import Title

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "files"
# file: (rows, matched at least, ambiguous at most, not found: the titles the catalogue lacks)
EXPECTED = {
    "myanimelist.xml": (297, 258, 23, 16),
    "anilist.json": (80, 75, 0, 5),
    "letterboxd.zip": (46, 40, 2, 4),
    "spreadsheet.csv": (50, 43, 4, 3),
}


# Of the rows left to the member's choice, how many offer the title meant among the candidates.
OFFERED = {"myanimelist.xml": 17, "anilist.json": 0, "letterboxd.zip": 2, "spreadsheet.csv": 2}


@pytest.fixture
def titles(db):
    return catalogue.load()


@pytest.mark.parametrize("name", EXPECTED)
def test_a_file_matches_at_its_rate_and_never_to_the_wrong_title(user, titles, run_jobs, name):
    import_upload(user=user, data=(FILES / name).read_bytes(), filename=name)
    run_jobs()
    job = Import.objects.get()
    assert job.stage == Import.Stage.REVIEW, job.error
    counts = Counter(job.rows.values_list("match", flat=True))
    rows, matched_least, ambiguous_most, not_found = EXPECTED[name]
    matched = counts["matched"] + counts["duplicate"]
    assert job.rows_in_file == rows
    assert counts["ambiguous"] <= ambiguous_most
    assert counts["not_found"] <= not_found
    wrong = [
        (row.names, row.title.title, row.title.native_title)
        for row in job.rows.filter(match=ImportRow.Match.MATCHED).select_related("title")
        if not _same(row, row.title)
    ]
    assert wrong == []
    assert matched >= matched_least
    # A row left to the member mostly offers the title it means among its candidates.
    left = list(job.rows.filter(match=ImportRow.Match.AMBIGUOUS))
    offered = [
        row for row in left
        if any(_same(row, title) for title in
               Title.objects.filter(pk__in=row.candidates).prefetch_related("alternative_titles"))
    ]  # fmt: skip
    assert len(offered) >= OFFERED[name]


def _same(row: ImportRow, title) -> bool:
    """Whether the row's names are the title's, allowing for the files' mess: a matched row
    must name the title by one of its names, whatever the case, accents or typos."""
    known = {
        title.title,
        title.native_title,
        *title.alternative_titles.values_list("name", flat=True),
    }
    folded = {_fold(name) for name in known}
    return any(_fold(name) in folded or _near(_fold(name), folded) for name in row.names)


def _fold(name: str) -> str:
    return "".join(c for c in name.lower().replace("ū", "u") if c.isalnum())


def _near(name: str, known: set[str]) -> bool:
    """Equal but for two neighbouring letters swapped (the fixture files' typo)."""
    return any(
        len(name) == len(other) and sorted(name) == sorted(other)
        and sum(a != b for a, b in zip(name, other, strict=True)) == 2
        for other in known
    )  # fmt: skip
