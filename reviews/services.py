"""Writes that change what users think of titles, with the statistics they feed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from titles.models import Title

from .models import ListEntry
from .stats import apply_score_change, stats_for_update


@transaction.atomic
def list_entry_save(
    *,
    user: User,
    title: Title,
    status: str,
    score: Decimal | None,
    episodes_seen: int = 0,
    started_on: date | None = None,
    finished_on: date | None = None,
) -> ListEntry:
    """Put `title` on the user's list, or change the entry already there."""
    stats = stats_for_update(title.pk)
    entry = ListEntry.objects.select_for_update().filter(user=user, title=title).first()
    old_score = entry.score if entry else None
    if entry is None:
        entry = ListEntry(user=user, title=title)
        stats.watchers += 1
    entry.status = status
    entry.score = score
    entry.episodes_seen = episodes_seen
    entry.started_on = started_on
    entry.finished_on = finished_on
    entry.save()
    apply_score_change(stats, old_score, score)
    stats.save(update_fields=["ratings_count", "ratings_sum", "histogram", "watchers"])
    return entry


@transaction.atomic
def list_entry_set_score(*, user: User, title: Title, score: Decimal | None) -> ListEntry:
    """Change only the score, adding the title to the list as Completed if it is not there."""
    entry = ListEntry.objects.filter(user=user, title=title).first()
    if entry is None:
        return list_entry_save(
            user=user,
            title=title,
            status=ListEntry.Status.COMPLETED,
            score=score,
            episodes_seen=title.episodes or 0,
        )
    return list_entry_save(
        user=user,
        title=title,
        status=entry.status,
        score=score,
        episodes_seen=entry.episodes_seen,
        started_on=entry.started_on,
        finished_on=entry.finished_on,
    )


@transaction.atomic
def list_entry_remove(*, user: User, title: Title) -> None:
    stats = stats_for_update(title.pk)
    entry = ListEntry.objects.select_for_update().filter(user=user, title=title).first()
    if entry is None:
        return
    apply_score_change(stats, entry.score, None)
    stats.watchers -= 1
    entry.delete()
    stats.save(update_fields=["ratings_count", "ratings_sum", "histogram", "watchers"])
