"""Writes to the catalogue outside the admin's forms: episodes made from a title's dates."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from core.versions import CATALOGUE, pages_changed, title_version

from .models import Episode, Title


def air_dates(first: date, weekdays: Sequence[int], count: int) -> Iterator[date]:
    """`count` air dates: the first on `first`, each next one on the next of `weekdays`
    (Monday 0); weekly from `first` without weekdays."""
    days = set(weekdays) or {first.weekday()}
    day = first
    for made in range(count):
        if made:
            day += timedelta(days=1)
            while day.weekday() not in days:
                day += timedelta(days=1)
        yield day


@transaction.atomic
def create_episodes(title: Title, by: Any = None, reason: str = "") -> int:
    """Add the title's missing episodes, 1 to its count, dated from its first air date and
    weekdays when it has them; the episodes it has stay as they are. Each new episode's
    history names `by` and `reason`. Returns how many were added."""
    if not title.episodes:
        return 0
    dates: list[date | None] = (
        list(air_dates(title.aired_from, title.aired_weekdays, title.episodes))
        if title.aired_from
        else [None] * title.episodes
    )
    have = set(Episode.objects.filter(title=title).values_list("number", flat=True))
    new = [
        Episode(title=title, number=number, air_date=day, runtime_minutes=title.duration_minutes)
        for number, day in enumerate(dates, start=1)
        if number not in have
    ]
    bulk_create_with_history(new, Episode, default_user=by, default_change_reason=reason)
    if new:
        pages_changed(CATALOGUE, title_version(title.pk))
    return len(new)
