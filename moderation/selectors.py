"""Reads of the moderation app: the queue, an item's reports and history, an author's record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Min, Q

from accounts.models import User
from core.pagination import CountlessPage, countless_page

from .kinds import Item, load_items
from .models import Action, Kind, Report


@dataclass
class Record:
    """What the moderators have done about an author before."""

    hidden: int = 0
    suspensions: int = 0
    reports: int = 0  # reports of their items, open or closed


@dataclass
class Queued:
    """One reported item in the queue, with its open reports tallied by reason."""

    kind: str
    object_id: int
    reports: int
    first_reported: datetime
    item: Item | None = None  # None when the item is gone for good
    reasons: list[tuple[str, int]] = field(default_factory=list)
    record: Record = field(default_factory=Record)

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label


def queue_page(page_number: str | None) -> CountlessPage:
    """Open reports grouped by item, the most reported first, then the oldest: a page of
    items in eight queries at most, whatever the number of reports (the groups, the items of
    each kind present, the reasons, the authors' records)."""
    groups = (
        Report.objects.filter(state=Report.State.OPEN)
        .values("kind", "object_id")
        .annotate(reports=Count("id"), first_reported=Min("created_at"))
        .order_by("-reports", "first_reported", "kind", "object_id")
    )
    page = countless_page(groups, page_number, settings.MODERATION_ITEMS_PER_PAGE)
    queued = [Queued(**group) for group in page.object_list]
    items = load_items((q.kind, q.object_id) for q in queued)
    for q in queued:
        q.item = items.get((q.kind, q.object_id))
    _add_reasons(queued)
    records = author_records(q.item.author.pk for q in queued if q.item and q.item.author)
    for q in queued:
        if q.item and q.item.author:
            q.record = records.get(q.item.author.pk, Record())
    page.object_list = queued
    return page


def _add_reasons(queued: list[Queued]) -> None:
    if not queued:
        return
    on_page = Q()
    for q in queued:
        on_page |= Q(kind=q.kind, object_id=q.object_id)
    tallies = (
        Report.objects.filter(on_page, state=Report.State.OPEN)
        .values("kind", "object_id", "reason")
        .annotate(n=Count("id"))
        .order_by("kind", "object_id", "-n", "reason")
    )
    by_item = {(q.kind, q.object_id): q for q in queued}
    labels = dict(Report.Reason.choices)
    for row in tallies:
        by_item[(row["kind"], row["object_id"])].reasons.append((labels[row["reason"]], row["n"]))


def author_records(author_ids: Iterable[int]) -> dict[int, Record]:
    """Each author's past hidden items and suspensions, and reports of their items: 2 queries."""
    ids = sorted(set(author_ids))
    if not ids:
        return {}
    records = {pk: Record() for pk in ids}
    actions = (
        Action.objects.filter(author_id__in=ids)
        .values("author_id")
        .annotate(
            hidden=Count("id", filter=Q(verb=Action.Verb.HIDE)),
            suspensions=Count("id", filter=Q(verb=Action.Verb.SUSPEND)),
        )
    )
    for row in actions:
        records[row["author_id"]].hidden = row["hidden"]
        records[row["author_id"]].suspensions = row["suspensions"]
    for row in Report.objects.filter(author_id__in=ids).values("author_id").annotate(n=Count("id")):
        records[row["author_id"]].reports = row["n"]
    return records


def item_reports(item: Item) -> list[Report]:
    """The item's latest reports, open or closed, with their reporters."""
    reports = Report.objects.filter(kind=item.kind, object_id=item.pk).select_related("reporter")
    return list(reports.order_by("-created_at", "-id")[: settings.MODERATION_REPORTS_SHOWN])


def item_history(item: Item) -> list[Action]:
    """The latest things moderators did about the item, oldest first."""
    actions = Action.objects.filter(kind=item.kind, object_id=item.pk).select_related("moderator")
    latest = actions.order_by("-created_at", "-id")[: settings.MODERATION_HISTORY_SHOWN]
    return list(reversed(latest))


def author_recent_actions(author: User | None) -> list[Action]:
    """The latest actions about anything the author wrote: their recent history."""
    if author is None:
        return []
    actions = Action.objects.filter(author=author).select_related("moderator")
    return list(actions.order_by("-created_at", "-id")[: settings.MODERATION_HISTORY_SHOWN])


def open_reports_by(reporter: User) -> frozenset[tuple[str, int]]:
    """The (kind, id) of every item `reporter` has an open report of: one query. A member has
    few open reports, and their parts keep this set under their own version (moderation/parts.py),
    which filing a report and closing one move, so pages with dozens of Report links ask
    nothing more."""
    mine = Report.objects.filter(reporter=reporter, state=Report.State.OPEN)
    return frozenset((kind, int(pk)) for kind, pk in mine.values_list("kind", "object_id"))
