"""Which title of the catalogue a row of a member's file means.

Each of the row's names (romanised, English, native) is looked up with the site's forgiving
search (titles.search), so typos, spelling variants and native scripts are forgiven as they
are in the search box. A name that is exactly one title's name (its own or an alternative)
is that title; among several, the year the file gives (or one year off, since sites date a
series by its first or its main season) and the kind choose. A name that is only close to
one is taken when it is very close, spelled in the same order (trigrams alone would take
"Uta no Hikari" for "Hikrai no Uta") and the year agrees; otherwise the member chooses among
at most CANDIDATES_SHOWN.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from titles.keys import fold
from titles.models import Title
from titles.search import Found, find_titles

from .models import ImportRow

CANDIDATES_SHOWN = 5
LOOKED_AT = 10  # titles read for each name
# How close (pg_trgm's word similarity) a name that is not exact must come to be taken alone,
# and how far ahead of the next one.
CLOSE_ENOUGH = 0.7
AHEAD_BY = 0.1
# How alike, letter by letter in order, a name that is not exact must be to one of the title's.
SPELLED_ALIKE = 0.85


@dataclass
class Match:
    match: str  # ImportRow.Match
    title: Title | None = None
    candidates: list[Title] = field(default_factory=list)


def match_row(names: list[str], year: int | None, kind: str) -> Match:
    """The title the names (with the year and kind, when known) mean, or the candidates."""
    found: dict[int, Found[Title]] = {}
    for name in dict.fromkeys(names):
        for hit in find_titles(name, LOOKED_AT):
            best = found.get(hit.item.pk)
            if best is None or (hit.rank, -hit.score) < (best.rank, -best.score):
                found[hit.item.pk] = hit
    if not found:
        return Match(ImportRow.Match.NOT_FOUND)
    ordered = sorted(
        found.values(),
        key=lambda hit: (hit.rank, _distance(hit.item, year, kind), -hit.score, hit.item.pk),
    )
    candidates = [hit.item for hit in ordered[:CANDIDATES_SHOWN]]
    exact = [hit.item for hit in ordered if hit.rank == 0]
    if exact:
        chosen = _narrowed(exact, year, kind)
        if len(chosen) == 1 and _year_fits(chosen[0], year):
            return Match(ImportRow.Match.MATCHED, chosen[0], candidates)
        return Match(ImportRow.Match.AMBIGUOUS, candidates=candidates)
    best, rest = ordered[0], [hit for hit in ordered[1:] if _year_fits(hit.item, year)]
    alone = not rest or rest[0].score <= best.score - AHEAD_BY
    close = best.score >= CLOSE_ENOUGH and _spelled_alike(names, best)
    if close and _year_fits(best.item, year) and alone:
        return Match(ImportRow.Match.MATCHED, best.item, candidates)
    return Match(ImportRow.Match.AMBIGUOUS, candidates=candidates)


def _spelled_alike(names: list[str], hit: Found[Title]) -> bool:
    return any(
        SequenceMatcher(None, fold(name), key).ratio() >= SPELLED_ALIKE
        for name in names
        for key in hit.names
    )


def _narrowed(titles: list[Title], year: int | None, kind: str) -> list[Title]:
    """The titles of the year (else one year off), then of the kind, when that leaves any."""
    if year is not None:
        for off_by in (0, 1):
            same = [title for title in titles if title.year and abs(title.year - year) <= off_by]
            if same:
                titles = same
                break
    if kind:
        titles = [title for title in titles if title.kind == kind] or titles
    return titles


def _year_fits(title: Title, year: int | None) -> bool:
    return year is None or title.year is None or abs(title.year - year) <= 1


def _distance(title: Title, year: int | None, kind: str) -> tuple[int, int]:
    """How far a title is from the year and kind the file gives: the closer, the likelier."""
    years = abs(title.year - year) if year is not None and title.year is not None else 0
    return (years, int(bool(kind) and title.kind != kind))
