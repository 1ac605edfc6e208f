"""Forgiving search over the catalogue's titles and people.

Each name is stored with its key (titles.keys: folded, romanised, people in both orders).
Matching uses PostgreSQL's trigram word similarity against the keys, served by their GIN
indexes, which tolerates typos and spelling variants ("1 litre of tars", "1 Liter of Tears").
A query in kana is also looked for by its readings (titles.keys.query_spellings).
Results come exact matches first, then names that start with the query, then the most similar.
When nothing matches, the closest name, if it is close enough, is offered as "Did you mean".
The search page and the header's suggestions both call `search`, so they agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db import transaction
from django.db.backends.utils import CursorWrapper
from django.db.models import Model

from core.replicas import read_connection

from .keys import SEPARATOR, match_rank, query_spellings
from .models import AlternativeTitle, Person, Title

M = TypeVar("M", bound=Model)

# How close a name must come to the query (pg_trgm's word similarity, 0 to 1) to be a match.
MATCH_THRESHOLD = 0.6  # PostgreSQL's own default for pg_trgm.word_similarity_threshold
# When nothing matches: how close a name's words must come to be a candidate for "Did you
# mean", and how alike the whole name and the query must be (pg_trgm's similarity), so that
# a name sharing one syllable with the query is never offered.
SUGGEST_THRESHOLD = 0.35
SUGGEST_CLOSENESS = 0.3
CANDIDATES = 200

# %(q)s is the array of the query's spellings; a name matches when one of them is close.
_SCORE = "(SELECT max(word_similarity(spelling, search_key)) FROM unnest(%(q)s) AS spelling)"
# Each match comes with the keys that matched (the title's own, its alternative names'), since
# an exact match on an alternative name is as exact as one on the title's own name. {close}
# is one comparison per spelling (`_close`): the trigram indexes answer "%>" with one value,
# never with ANY of an array.
TITLE_MATCHES = f"""
    SELECT id, max(score) AS score, string_agg(search_key, %(separator)s) AS keys FROM (
        SELECT id, {_SCORE} AS score, search_key FROM {{title}} WHERE {{close}}
        UNION ALL
        SELECT title_id, {_SCORE}, search_key FROM {{alternative}} WHERE {{close}}
    ) AS matched GROUP BY id ORDER BY score DESC, id LIMIT %(limit)s
"""
PERSON_MATCHES = f"""
    SELECT id, {_SCORE} AS score, search_key
      FROM {{person}} WHERE {{close}} ORDER BY score DESC, id LIMIT %(limit)s
"""
CLOSEST = """
    SELECT kind, id FROM (
        SELECT 'title' AS kind, id, search_key FROM {title} WHERE {close}
        UNION ALL
        SELECT 'title', title_id, search_key FROM {alternative} WHERE {close}
        UNION ALL
        SELECT 'person', id, search_key FROM {person} WHERE {close}
    ) AS near, LATERAL (
        SELECT max(similarity(spelling, name)) AS closeness
          FROM unnest(%(q)s) AS spelling,
               unnest(string_to_array(near.search_key, %(separator)s)) AS name
    ) AS alike
    WHERE closeness >= %(closeness)s ORDER BY closeness DESC, kind DESC, id LIMIT 1
"""


@dataclass
class Found(Generic[M]):
    item: M
    rank: int  # 0 exact, 1 prefix, 2 similar
    score: float
    keys: str = ""  # the keys that matched, joined by SEPARATOR

    @property
    def names(self) -> list[str]:
        """The matched names as their keys hold them (folded, romanised)."""
        return self.keys.split(SEPARATOR) if self.keys else []


@dataclass
class Results:
    titles: list[Found[Title]]
    people: list[Found[Person]]
    suggestion: Title | Person | None  # only when neither titles nor people matched

    @property
    def suggested_name(self) -> str:
        if isinstance(self.suggestion, Title):
            return self.suggestion.title
        return self.suggestion.name if self.suggestion else ""


def _tables() -> dict[str, str]:
    return {
        "title": Title._meta.db_table,
        "alternative": AlternativeTitle._meta.db_table,
        "person": Person._meta.db_table,
    }


def _close(spellings: list[str]) -> tuple[str, dict[str, str]]:
    """The condition that a name's key is close to one of the spellings, and its values."""
    names = [f"q{n}" for n in range(len(spellings))]
    condition = " OR ".join(f"search_key %%> %({name})s" for name in names)
    return f"({condition})", dict(zip(names, spellings, strict=True))


@contextmanager
def _by_index() -> Iterator[CursorWrapper]:
    """A cursor whose statements find names through the trigram indexes.

    The planner prices a trigram comparison like any other, so on a table of a few thousand
    names it would rather compare every one (18 ms for a three-word query) than ask the index
    (1 ms). SET LOCAL tells it not to, in a savepoint of its own: rolling the savepoint back
    restores the setting, also when the caller is inside a transaction of its own.
    """
    connection = read_connection(Title)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield cursor
        transaction.set_rollback(True, using=connection.alias)


def _matches(cursor: CursorWrapper, sql: str,
             spellings: list[str]) -> list[tuple[int, float, str]]:  # fmt: skip
    """Ids, scores and matched keys of the names within MATCH_THRESHOLD of one of the
    spellings; "%>" compares against pg_trgm.word_similarity_threshold, whose default is
    MATCH_THRESHOLD."""
    if not spellings:
        return []
    close, values = _close(spellings)
    cursor.execute(
        sql.format(close=close, **_tables()),
        {"q": spellings, "limit": CANDIDATES, "separator": SEPARATOR, **values},
    )
    return [(row_id, float(score), keys) for row_id, score, keys in cursor.fetchall()]


def _closest(cursor: CursorWrapper, spellings: list[str]) -> tuple[str, int] | None:
    """The kind and id of the title or person whose name is closest to the spellings, when
    one is close enough; this lowers the threshold of "%>" for the rest of the savepoint."""
    if not spellings:
        return None
    close, values = _close(spellings)
    cursor.execute("SET LOCAL pg_trgm.word_similarity_threshold = %s", [SUGGEST_THRESHOLD])
    cursor.execute(
        CLOSEST.format(close=close, **_tables()),
        {"q": spellings, "separator": SEPARATOR, "closeness": SUGGEST_CLOSENESS, **values},
    )
    return cursor.fetchone()


def _ranked(
    model: type[M],
    matches: list[tuple[int, float, str]],
    spellings: list[str],
    name: str,
    limit: int,
) -> list[Found[M]]:
    objects = model._default_manager.in_bulk([row_id for row_id, _, _ in matches])
    found = [
        Found(objects[row_id], _rank(keys, spellings), score, keys)
        for row_id, score, keys in matches
        if row_id in objects
    ]
    found.sort(key=lambda f: (f.rank, -f.score, len(getattr(f.item, name)), f.item.pk))
    return found[:limit]


def _rank(key: str, spellings: list[str]) -> int:
    return min(match_rank(key, spelling) for spelling in spellings)


def find_titles(query: str, limit: int) -> list[Found[Title]]:
    """The titles whose English, native, romanised or alternative names match `query`,
    exact matches first, then names starting with it, then the most similar."""
    spellings = query_spellings(query)
    with _by_index() as cursor:
        matches = _matches(cursor, TITLE_MATCHES, spellings)
    return _ranked(Title, matches, spellings, "title", limit)


def find_people(query: str, limit: int) -> list[Found[Person]]:
    """People whose name (either order), native name or its romanisation match `query`."""
    spellings = query_spellings(query)
    with _by_index() as cursor:
        matches = _matches(cursor, PERSON_MATCHES, spellings)
    return _ranked(Person, matches, spellings, "name", limit)


def search(query: str, *, titles: int, people: int, suggest: bool = True) -> Results:
    """Titles and people matching `query`; when there are none, the closest name instead
    (unless not to `suggest` one)."""
    spellings = query_spellings(query)
    closest = None
    with _by_index() as cursor:
        title_matches = _matches(cursor, TITLE_MATCHES, spellings)
        person_matches = _matches(cursor, PERSON_MATCHES, spellings)
        if suggest and not title_matches and not person_matches:
            closest = _closest(cursor, spellings)
    found_titles = _ranked(Title, title_matches, spellings, "title", titles)
    found_people = _ranked(Person, person_matches, spellings, "name", people)
    return Results(found_titles, found_people, _suggested(closest))


def _suggested(closest: tuple[str, int] | None) -> Title | Person | None:
    if closest is None:
        return None
    model: type[Title] | type[Person] = Title if closest[0] == "title" else Person
    return model._default_manager.filter(pk=closest[1]).first()
