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

from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db import transaction
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
# an exact match on an alternative name is as exact as one on the title's own name.
TITLE_MATCHES = f"""
    SELECT id, max(score) AS score, string_agg(search_key, %(separator)s) AS keys FROM (
        SELECT id, {_SCORE} AS score, search_key
          FROM {{title}} WHERE search_key %%> ANY(%(q)s)
        UNION ALL
        SELECT title_id, {_SCORE}, search_key
          FROM {{alternative}} WHERE search_key %%> ANY(%(q)s)
    ) AS matched GROUP BY id ORDER BY score DESC, id LIMIT %(limit)s
"""
PERSON_MATCHES = f"""
    SELECT id, {_SCORE} AS score, search_key
      FROM {{person}} WHERE search_key %%> ANY(%(q)s) ORDER BY score DESC, id LIMIT %(limit)s
"""
CLOSEST = """
    SELECT kind, id FROM (
        SELECT 'title' AS kind, id, search_key FROM {title} WHERE search_key %%> ANY(%(q)s)
        UNION ALL
        SELECT 'title', title_id, search_key FROM {alternative} WHERE search_key %%> ANY(%(q)s)
        UNION ALL
        SELECT 'person', id, search_key FROM {person} WHERE search_key %%> ANY(%(q)s)
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


def _matches(sql: str, spellings: list[str]) -> list[tuple[int, float, str]]:
    """Ids, scores and matched keys of the names within MATCH_THRESHOLD of one of the
    spellings; "%>" compares against pg_trgm.word_similarity_threshold, whose default is
    MATCH_THRESHOLD."""
    with read_connection(Title).cursor() as cursor:
        cursor.execute(
            sql.format(**_tables()),
            {"q": spellings, "limit": CANDIDATES, "separator": SEPARATOR},
        )
        return [(row_id, float(score), keys) for row_id, score, keys in cursor.fetchall()]


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
    exact matches first, then names starting with it, then the most similar: two queries."""
    return _titles(query_spellings(query), limit)


def find_people(query: str, limit: int) -> list[Found[Person]]:
    """People whose name (either order), native name or its romanisation match `query`."""
    return _people(query_spellings(query), limit)


def _titles(spellings: list[str], limit: int) -> list[Found[Title]]:
    if not spellings:
        return []
    return _ranked(Title, _matches(TITLE_MATCHES, spellings), spellings, "title", limit)


def _people(spellings: list[str], limit: int) -> list[Found[Person]]:
    if not spellings:
        return []
    return _ranked(Person, _matches(PERSON_MATCHES, spellings), spellings, "name", limit)


def _closest(spellings: list[str]) -> Title | Person | None:
    """The title or person whose name is closest to the spellings, when one is close enough."""
    if not spellings:
        return None
    connection = read_connection(Title)
    # SET LOCAL lowers the threshold of "%>" for this statement's savepoint only: rolling the
    # savepoint back restores it, also when the caller is inside a transaction of its own.
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET LOCAL pg_trgm.word_similarity_threshold = %s", [SUGGEST_THRESHOLD])
        cursor.execute(
            CLOSEST.format(**_tables()),
            {"q": spellings, "separator": SEPARATOR, "closeness": SUGGEST_CLOSENESS},
        )
        row = cursor.fetchone()
        transaction.set_rollback(True, using=connection.alias)
    if row is None:
        return None
    model: type[Title] | type[Person] = Title if row[0] == "title" else Person
    return model._default_manager.filter(pk=row[1]).first()


def search(query: str, *, titles: int, people: int) -> Results:
    """Titles and people matching `query`; when there are none, the closest name instead."""
    spellings = query_spellings(query)
    found_titles = _titles(spellings, titles)
    found_people = _people(spellings, people)
    suggestion = None if found_titles or found_people else _closest(spellings)
    return Results(found_titles, found_people, suggestion)
