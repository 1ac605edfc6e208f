"""What a matched row of an import becomes on the member's list, and which wins when the
title is there already: the later of the row (its `as_of` day) and the entry (the day it last
changed). A row that says nothing of when leaves the entry as it is: nothing is lost. A row
that wins keeps what the file does not say from the entry: its note, rewatches and priority
when the row has none, and its privacy unless the row makes it private."""

from __future__ import annotations

from dataclasses import replace

from django.utils import timezone

from reviews.bulk import EntryValues
from reviews.models import REWATCHES_MAX, ListEntry
from titles.models import Title

from .models import ImportRow

Status = ListEntry.Status


def entry_values(
    row: ImportRow, title: Title, entry: ListEntry | None = None
) -> tuple[EntryValues, list[str]]:
    """The entry `row` makes for `title` (over `entry`, the member's, when there is one), and
    what of the row had to change to suit the title."""
    changes: list[str] = []
    status = row.status or _status_without_one(row)
    score, seen = row.score, row.episodes_seen or 0
    started, finished = row.started_on, row.finished_on
    if not title.has_aired:
        if status != Status.PLAN_TO_WATCH or score is not None or seen or started or finished:
            changes.append("Not aired yet, so it is added as Plan to Watch, without a score.")
        status, score, seen, started, finished = Status.PLAN_TO_WATCH, None, 0, None, None
    if status == Status.PLAN_TO_WATCH and score is not None:
        changes.append("A planned title has no score here; the score is left out.")
        score = None
    if started and finished and finished < started:
        changes.append("It was finished before it was started, so the finish date is left out.")
        finished = None
    if status == Status.COMPLETED and not seen and title.episodes:
        seen = title.episodes
    if title.episodes is not None and seen > title.episodes:
        changes.append(f"It has {title.episodes} episodes, so {seen} seen became {title.episodes}.")
        seen = title.episodes
    values = EntryValues(
        status=status,
        score=score,
        episodes_seen=seen,
        started_on=started,
        finished_on=finished,
        rewatch_count=min(row.rewatch_count or 0, REWATCHES_MAX),
        note=row.note,
        priority=row.priority,
        is_private=row.is_private,
    )
    if entry is not None:
        values = replace(
            values,
            rewatch_count=entry.rewatch_count
            if row.rewatch_count is None
            else values.rewatch_count,
            note=values.note or entry.note,
            priority=values.priority or entry.priority,
            is_private=values.is_private or entry.is_private,
        )
    return values, changes


def _status_without_one(row: ImportRow) -> str:
    if row.finished_on or row.score is not None:
        return Status.COMPLETED
    return Status.WATCHING if row.episodes_seen or row.started_on else Status.PLAN_TO_WATCH


def row_is_newer(row: ImportRow, entry: ListEntry) -> bool:
    """Whether the row was changed after the entry was: only then does it replace the entry."""
    return row.as_of is not None and row.as_of > timezone.localdate(entry.updated_at)
