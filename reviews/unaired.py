"""Titles that have not aired: what members may do with them, and the rows written before that
rule, which `entries_before_airing_cleared` puts right (a data migration runs it once)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Q

from titles.models import Title

from .models import ListEntry, Review
from .stats import stats_recompute


def not_aired_message(title: Title) -> str:
    return (
        f"{title.title} has not aired yet: you can plan to watch it now, and score or review "
        "it once it airs."
    )


def entries_before_airing_cleared() -> dict[str, int]:
    """Make every stored row follow the rules, and say how many it changed:
    - on a title that has not aired, entries become plain plans (no score, episodes or dates)
      and reviews are deleted;
    - an entry of an aired title planned with a score becomes Completed (Watching when fewer
      than all episodes were seen), so the member's score is kept.
    The statistics and ranks are recomputed afterwards when anything changed."""
    with transaction.atomic():
        upcoming = Title.objects.upcoming()
        entries = ListEntry.objects.filter(title__in=upcoming).exclude(
            status=ListEntry.Status.PLAN_TO_WATCH,
            score=None,
            episodes_seen=0,
            started_on=None,
            finished_on=None,
        )
        reviews = Review.objects.filter(title__in=upcoming)
        titles = set(entries.values_list("title_id", flat=True))
        titles |= set(reviews.values_list("title_id", flat=True))
        deleted_reviews = reviews.count()
        reviews.delete()
        cleared = entries.update(
            status=ListEntry.Status.PLAN_TO_WATCH,
            score=None,
            episodes_seen=0,
            started_on=None,
            finished_on=None,
        )
        scored_plans = ListEntry.objects.filter(status=ListEntry.Status.PLAN_TO_WATCH).exclude(
            score=None
        )
        watching = Q(title__episodes__gt=F("episodes_seen"), episodes_seen__gt=0)
        moved = scored_plans.filter(watching).update(status=ListEntry.Status.WATCHING)
        moved += scored_plans.update(status=ListEntry.Status.COMPLETED)
        if cleared or deleted_reviews or moved:
            stats_recompute()
    return {
        "titles": len(titles),
        "entries": cleared,
        "reviews": deleted_reviews,
        "scored plans": moved,
    }
