"""A title's public edit history: every recorded change of the title, its alternative
names, its credits, its links to related titles and its episodes, newest first
(core/history.py).

A page costs the same number of queries whatever the history's length: one reads which
records the page shows, across the five history tables; then one per table reads those
records with the one before each, their editors and the rows they name; and one per
recorded list of the title (genres, tags) reads its rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet, Value

from core.history import Change, FieldChange, changes_of
from core.pagination import CountlessPage, countless_page

from .models import AlternativeTitle, Credit, Episode, RelatedTitle, Title

HISTORY_PER_PAGE = 30


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    editor: str  # the editor's user name; "" when not known
    subject: str  # what changed: "Credit: Sawajiri Erika as Ikeuchi Aya"
    action: str  # "added", "changed", "removed", or "recorded" for a first record
    fields: list[FieldChange]
    reason: str


@dataclass(frozen=True)
class Source:
    """One history table of the page: which records concern the title, and how to name
    the thing each record is about."""

    model: type
    records: Callable[[Title], QuerySet[Any]]
    subject: Callable[[Any, Title], str]


def _credit(record: Any, title: Title) -> str:
    person = record.person.name if record.person else "a removed person"
    if record.character_name:
        return f"Credit: {person} as {record.character_name}"
    return f"Credit: {person} ({Credit.Kind(record.kind).label})"


def _related(record: Any, title: Title) -> str:
    kind = RelatedTitle.Kind(record.kind)
    if record.title_id == title.pk:
        label, other = kind.label, record.related
    else:
        label, other = RelatedTitle.INVERSE[kind], record.title
    return f"Related title: {label}, {other.title if other else 'a removed title'}"


SOURCES = [
    Source(
        Title.history.model,
        lambda title: Title.history.filter(id=title.pk),
        lambda record, title: f"Title: {record.title}",
    ),
    Source(
        AlternativeTitle.history.model,
        lambda title: AlternativeTitle.history.filter(title_id=title.pk),
        lambda record, title: f"Alternative title: {record.name}",
    ),
    Source(Credit.history.model, lambda title: Credit.history.filter(title_id=title.pk), _credit),
    Source(
        RelatedTitle.history.model,
        lambda title: RelatedTitle.history.filter(Q(title_id=title.pk) | Q(related_id=title.pk)),
        _related,
    ),
    Source(
        Episode.history.model,
        lambda title: Episode.history.filter(title_id=title.pk),
        lambda record, title: (
            f"Episode {record.number}" + (f": {record.name}" if record.name else "")
        ),
    ),
]


def title_history_page(title: Title, page_number: str | int | None) -> CountlessPage:
    """A page of the title's history: HistoryEntry items, newest first."""
    parts = [
        source.records(title)
        .order_by()
        .annotate(source=Value(number))
        .values("history_id", "history_date", "source")
        for number, source in enumerate(SOURCES)
    ]
    union = parts[0].union(*parts[1:], all=True)
    newest = union.order_by("-history_date", "-source", "-history_id")
    page = countless_page(newest, page_number, HISTORY_PER_PAGE)
    wanted: dict[int, list[int]] = {}
    for row in page.object_list:
        wanted.setdefault(row["source"], []).append(row["history_id"])
    found = {
        number: changes_of(SOURCES[number].model, history_ids)
        for number, history_ids in wanted.items()
    }
    page.object_list = [
        _entry(found[row["source"]][row["history_id"]], SOURCES[row["source"]], title)
        for row in page.object_list
    ]
    return page


def _entry(change: Change, source: Source, title: Title) -> HistoryEntry:
    record = change.record
    return HistoryEntry(
        when=record.history_date,
        editor=change.editor,
        subject=source.subject(record, title),
        action=change.action,
        fields=change.fields,
        reason=record.history_change_reason or "",
    )
