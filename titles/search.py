"""Forgiving search over the catalogue's titles and people.

Each name is stored with its key (titles.keys: folded, romanised, people in both orders).
Matching uses PostgreSQL's trigram word similarity against the keys, served by their GIN
indexes, which tolerates typos and spelling variants ("1 litre of tars", "1 Liter of Tears").
Results come exact matches first, then names that start with the query, then the most similar.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db import transaction
from django.db.models import Model

from core.replicas import read_connection

from .keys import fold, match_rank
from .models import AlternativeTitle, Person, Title

M = TypeVar("M", bound=Model)

# How close a name must come to the query (pg_trgm's word similarity, 0 to 1) to be a match,
# and, when nothing is that close, to be offered as "Did you mean".
MATCH_THRESHOLD = 0.6  # PostgreSQL's own default for pg_trgm.word_similarity_threshold
SUGGEST_THRESHOLD = 0.35
CANDIDATES = 200

TITLE_MATCHES = """
    SELECT id, max(score) AS score FROM (
        SELECT id, word_similarity(%(q)s, search_key) AS score
          FROM {title} WHERE %(q)s <%% search_key
        UNION ALL
        SELECT title_id, word_similarity(%(q)s, search_key)
          FROM {alternative} WHERE %(q)s <%% search_key
    ) AS matched GROUP BY id ORDER BY score DESC, id LIMIT %(limit)s
"""
PERSON_MATCHES = """
    SELECT id, word_similarity(%(q)s, search_key) AS score
      FROM {person} WHERE %(q)s <%% search_key ORDER BY score DESC, id LIMIT %(limit)s
"""


@dataclass
class Found(Generic[M]):
    item: M
    rank: int  # 0 exact, 1 prefix, 2 similar
    score: float


def _matches(sql: str, query: str, threshold: float) -> list[tuple[int, float]]:
    """Ids and scores of the names within `threshold` of `query`; "<%" compares against
    pg_trgm.word_similarity_threshold, whose default is MATCH_THRESHOLD."""
    connection = read_connection(Title)
    own = threshold != MATCH_THRESHOLD
    # SET LOCAL keeps another threshold to a transaction of its own.
    in_transaction = transaction.atomic(using=connection.alias) if own else nullcontext()
    with in_transaction, connection.cursor() as cursor:
        if own:
            cursor.execute("SET LOCAL pg_trgm.word_similarity_threshold = %s", [threshold])
        cursor.execute(sql, {"q": query, "limit": CANDIDATES})
        return [(row_id, float(score)) for row_id, score in cursor.fetchall()]


def _title_sql() -> str:
    return TITLE_MATCHES.format(
        title=Title._meta.db_table, alternative=AlternativeTitle._meta.db_table
    )


def _person_sql() -> str:
    return PERSON_MATCHES.format(person=Person._meta.db_table)


def _ranked(
    model: type[M], matches: list[tuple[int, float]], query: str, name: str, limit: int
) -> list[Found[M]]:
    objects = model._default_manager.in_bulk([row_id for row_id, _ in matches])
    found = [
        Found(objects[row_id], match_rank(objects[row_id].search_key, query), score)  # type: ignore[attr-defined]
        for row_id, score in matches
        if row_id in objects
    ]
    found.sort(key=lambda f: (f.rank, -f.score, len(getattr(f.item, name)), f.item.pk))
    return found[:limit]


def find_titles(query: str, limit: int) -> list[Found[Title]]:
    """The titles whose English, native, romanised or alternative names match `query`,
    exact matches first, then names starting with it, then the most similar: two queries."""
    folded = fold(query)
    if not folded:
        return []
    return _ranked(Title, _matches(_title_sql(), folded, MATCH_THRESHOLD), folded, "title", limit)


def find_people(query: str, limit: int) -> list[Found[Person]]:
    """People whose name (either order), native name or its romanisation match `query`."""
    folded = fold(query)
    if not folded:
        return []
    return _ranked(Person, _matches(_person_sql(), folded, MATCH_THRESHOLD), folded, "name", limit)


def did_you_mean(query: str) -> str:
    """The closest title or person name when nothing matched well, or ""."""
    folded = fold(query)
    if not folded:
        return ""
    best: list[tuple[float, str]] = []
    for sql, model, name in ((_title_sql(), Title, "title"), (_person_sql(), Person, "name")):
        matches = _matches(sql, folded, SUGGEST_THRESHOLD)[:1]
        if matches:
            obj = model._default_manager.filter(pk=matches[0][0]).values_list(name, flat=True)
            best += [(matches[0][1], value) for value in obj]
    return max(best)[1] if best else ""
