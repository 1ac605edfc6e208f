"""Members' stored statistics: what each list entry adds, kept by the services as they write,
and recomputed from the entries to audit them (`recompute_stats`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Case, Count, F, Max, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from core.counters import locked_row
from titles.models import Title

from .models import HISTOGRAM_BUCKETS, ListEntry, MemberStats
from .stats import bucket_of


@dataclass(frozen=True)
class Part:
    """What one entry adds to its member's statistics."""

    status: str
    episodes: int
    minutes: int
    score: Decimal | None
    country: str
    genres: tuple[int, ...]
    year: int | None


def part_of(entry: ListEntry | None, title: Title, genres: tuple[int, ...]) -> Part | None:
    """An entry's share, or None for no entry or a private one. A film (no episode count)
    counts as one showing once completed."""
    if entry is None or entry.is_private:
        return None
    if title.episodes is not None:
        shown = entry.episodes_seen
    else:
        shown = 1 if entry.status == ListEntry.Status.COMPLETED else 0
    return Part(
        status=entry.status,
        episodes=entry.episodes_seen if title.episodes is not None else 0,
        minutes=shown * (title.duration_minutes or 0),
        score=entry.score,
        country=title.country.code or "",
        genres=genres,
        year=title.year,
    )


def member_stats_change(user_id: int, old: Part | None, new: Part | None) -> None:
    """Take `old` out of the member's statistics and put `new` in, under the row's lock."""
    member_stats_changes(user_id, [(old, new)])


def member_stats_changes(user_id: int, changes: list[tuple[Part | None, Part | None]]) -> None:
    """Each (old, new) of `changes` at once: one locked read and one write, however many."""
    changes = [(old, new) for old, new in changes if old != new]
    if not changes:
        return
    stats = locked_row(MemberStats, user_id=user_id)
    for old, new in changes:
        for part, sign in ((old, -1), (new, 1)):
            if part is not None:
                _add(stats, part, sign)
    stats.save()


def genres_of(title: Title) -> tuple[int, ...]:
    return tuple(sorted(title.genres.values_list("id", flat=True)))


def _add(stats: MemberStats | Totals, part: Part, times: int) -> None:
    """Add `part` `times` times (take it out with -1)."""
    stats.titles += times
    stats.episodes += times * part.episodes
    stats.minutes += times * part.minutes
    if part.score is not None:
        stats.ratings_count += times
        stats.ratings_sum += times * part.score
        stats.histogram[bucket_of(part.score)] += times
    _count(stats.by_status, part.status, times)
    if part.country:
        _count(stats.by_country, part.country, times)
    for genre in part.genres:
        _count(stats.by_genre, str(genre), times)
    if part.year is not None:
        _count(stats.by_year, str(part.year), times)


def _count(counts: dict[str, int], key: str, sign: int) -> None:
    counts[key] = counts.get(key, 0) + sign
    if not counts[key]:
        del counts[key]


@dataclass
class Totals:
    """A member's statistics as the entries say they should be."""

    titles: int = 0
    episodes: int = 0
    minutes: int = 0
    ratings_count: int = 0
    ratings_sum: Decimal = Decimal(0)
    histogram: list[int] = field(default_factory=lambda: [0] * HISTOGRAM_BUCKETS)
    by_status: dict[str, int] = field(default_factory=dict)
    by_country: dict[str, int] = field(default_factory=dict)
    by_genre: dict[str, int] = field(default_factory=dict)
    by_year: dict[str, int] = field(default_factory=dict)

    FIELDS = ("titles", "episodes", "minutes", "ratings_count", "ratings_sum", "histogram",
              "by_status", "by_country", "by_genre", "by_year")  # fmt: skip

    def of(self, stats: MemberStats) -> dict[str, Any]:
        return {name: getattr(stats, name) for name in self.FIELDS}

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.FIELDS}


# Members are audited this many at a time, so memory stays bounded however many there are.
BATCH = 2000


def _totals(lo: int, hi: int) -> dict[int, Totals]:
    """The statistics of members lo <= id < hi from their visible entries: five grouped reads,
    the sums done by the database."""
    totals: dict[int, Totals] = defaultdict(Totals)
    visible = ListEntry.objects.filter(is_private=False, user_id__gte=lo, user_id__lt=hi)
    visible = visible.order_by()
    series = Q(title__episodes__isnull=False)
    shown = Case(
        When(series, then=F("episodes_seen")),
        When(status=ListEntry.Status.COMPLETED, then=Value(1)),
        default=Value(0),
    )
    buckets = {
        f"h{b}": Count("score", filter=Q(score__gte=b + 1, score__lt=b + 2))
        for b in range(HISTOGRAM_BUCKETS)
    }
    for row in visible.values("user_id").annotate(
        titles=Count("id"),
        episodes=Coalesce(Sum(Case(When(series, then=F("episodes_seen")), default=Value(0))), 0),
        minutes=Coalesce(Sum(shown * Coalesce(F("title__duration_minutes"), 0)), 0),
        ratings_count=Count("score"),
        ratings_sum=Coalesce(Sum("score"), Value(Decimal(0))),
        **buckets,
    ):
        t = totals[row["user_id"]]
        t.titles, t.episodes, t.minutes = row["titles"], row["episodes"], row["minutes"]
        t.ratings_count, t.ratings_sum = row["ratings_count"], row["ratings_sum"]
        t.histogram = [row[f"h{b}"] for b in range(HISTOGRAM_BUCKETS)]
    groups = {"by_status": "status", "by_country": "title__country", "by_year": "title__year",
              "by_genre": "title__genres"}  # fmt: skip
    for name, key in groups.items():
        rows = visible.exclude(**{f"{key}__isnull": True})
        if key == "title__country":
            rows = rows.exclude(title__country="")
        for row in rows.values("user_id", key).annotate(n=Count("id")):
            getattr(totals[row["user_id"]], name)[str(row[key])] = row["n"]
    return totals


def member_stats_recompute(*, check: bool = False) -> list[int]:
    """The ids of the members whose stored statistics differ from their entries; unless
    `check`, each is set to the true values."""
    with transaction.atomic(), connection.cursor() as cursor:
        # Writers queue behind the lock while the statistics are compared and corrected.
        cursor.execute(
            "LOCK TABLE reviews_listentry, reviews_memberstats IN SHARE ROW EXCLUSIVE MODE"
        )
        wrong = []
        last = ListEntry.objects.aggregate(last=Max("user_id"))["last"] or 0
        last = max(last, MemberStats.objects.aggregate(last=Max("user_id"))["last"] or 0)
        for lo in range(0, last + 1, BATCH):
            wrong += _correct(lo, lo + BATCH, check)
    return wrong


def _correct(lo: int, hi: int, check: bool) -> list[int]:
    totals = _totals(lo, hi)
    stored = {s.user_id: s for s in MemberStats.objects.filter(user_id__gte=lo, user_id__lt=hi)}
    wrong, missing = [], []
    for user_id in sorted(set(totals) | set(stored)):
        want = totals.get(user_id, Totals())
        have = stored.get(user_id)
        if have is None and want.values() == Totals().values():
            continue
        if have is None or want.of(have) != want.values():
            wrong.append(user_id)
            if check:
                continue
            if have is None:  # made in one statement for the batch (a generated set has many)
                missing.append(MemberStats(user_id=user_id, **want.values()))
            else:
                MemberStats.objects.filter(user_id=user_id).update(**want.values())
    MemberStats.objects.bulk_create(missing)
    return wrong
