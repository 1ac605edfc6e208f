"""Many list entries of one member written at once (an import), with the title statistics,
the member's statistics and the page versions kept true in the same transaction.

The locks are taken in the order every single write takes them (core/counters.py and
reviews/services.py): the titles' statistics rows, in id order, then the member's entries,
then the member's statistics row. Concurrent writers queue up instead of deadlocking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from accounts.models import User
from core.versions import RATINGS, REVIEWS, member_version, pages_changed, title_version
from titles.models import Genre, Title

from .member_stats import Part, member_stats_changes, part_of
from .models import ListEntry, Review, TitleStats
from .services import RATING_FIELDS
from .stats import apply_score_change


@dataclass(frozen=True)
class EntryValues:
    """What an entry says, all of it: an entry written from these is exactly these."""

    status: str
    score: Decimal | None
    episodes_seen: int
    started_on: date | None
    finished_on: date | None
    rewatch_count: int
    note: str
    priority: str
    is_private: bool

    @classmethod
    def of(cls, entry: ListEntry) -> EntryValues:
        return cls(**{field.name: getattr(entry, field.name) for field in fields(cls)})


ENTRY_FIELDS = [field.name for field in fields(EntryValues)]
# What writing one title's values did.
ADDED, UPDATED, UNCHANGED, KEPT, REVIEWED = "added", "updated", "unchanged", "kept", "reviewed"


@transaction.atomic
def list_entries_bulk_save(
    *,
    user: User,
    values: dict[int, EntryValues],
    write_over: Callable[[ListEntry], bool],
) -> dict[int, str]:
    """Put each title of `values` (title id → values) on the user's list as those values say.

    An entry already there is changed only when `write_over(entry)` says so (KEPT when not),
    and an entry of a title the user reviewed is never changed here, since its score is the
    review's Overall (REVIEWED). The values must suit their title (the caller checks: a
    planned title has no score, a title not aired yet can only be planned). Three reads, the
    writes in bulk, whatever the number of titles.
    """
    ids = sorted(values)
    titles = Title.objects.only("id", "episodes", "duration_minutes", "country", "year")
    titles = titles.prefetch_related(Prefetch("genres", Genre.objects.only("id")))
    by_id = titles.in_bulk(ids)
    ids = [pk for pk in ids if pk in by_id]  # a title removed meanwhile is left out
    TitleStats.objects.bulk_create([TitleStats(title_id=pk) for pk in ids], ignore_conflicts=True)
    locked = TitleStats.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    stats = {row.pk: row for row in locked}
    reviewed = set(
        Review.objects.filter(user=user, title_id__in=ids).values_list("title_id", flat=True)
    )
    existing = {
        entry.title_id: entry
        for entry in ListEntry.objects.select_for_update().filter(user=user, title_id__in=ids)
    }
    now = timezone.now()
    done: dict[int, str] = {}
    parts: list[tuple[Part | None, Part | None]] = []
    added: list[ListEntry] = []
    changed: list[ListEntry] = []
    for pk in ids:
        title, new, entry = by_id.get(pk), values[pk], existing.get(pk)
        if title is None:
            continue
        if entry is not None and (pk in reviewed or EntryValues.of(entry) == new):
            done[pk] = REVIEWED if pk in reviewed else UNCHANGED
            continue
        if entry is not None and not write_over(entry):
            done[pk] = KEPT
            continue
        genres = tuple(sorted(genre.pk for genre in title.genres.all()))
        old_part, old_score = part_of(entry, title, genres), entry.score if entry else None
        if entry is None:
            entry = ListEntry(user=user, title=title, created_at=now)
            stats[pk].watchers += 1
            added.append(entry)
            done[pk] = ADDED
        else:
            changed.append(entry)
            done[pk] = UPDATED
        for name, value in vars(new).items():
            setattr(entry, name, value)
        entry.updated_at = now
        parts.append((old_part, part_of(entry, title, genres)))
        apply_score_change(stats[pk], old_score, new.score)
    ListEntry.objects.bulk_create(added)
    ListEntry.objects.bulk_update(changed, [*ENTRY_FIELDS, "updated_at"])
    member_stats_changes(user.pk, parts)
    touched = [stats[pk] for pk in ids if done.get(pk) in (ADDED, UPDATED)]
    TitleStats.objects.bulk_update(touched, RATING_FIELDS)
    if touched:
        pages_changed(*[title_version(s.pk, "ratings") for s in touched], RATINGS, REVIEWS,
                      member_version(user.pk))  # fmt: skip
    return done
