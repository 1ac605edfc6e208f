"""Reads of the reviews app that other apps' pages call."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber

from accounts.models import User
from titles.models import Credit, Title

from .models import ListEntry, Review, ReviewVote, TitleStats


def stats_for(title: Title) -> TitleStats:
    """The title's statistics; an unsaved empty row when nobody has listed it yet."""
    return TitleStats.objects.filter(title=title).first() or TitleStats(title=title)


def entry_for(user: User | AnonymousUser, title: Title) -> ListEntry | None:
    if not user.is_authenticated:
        return None
    return ListEntry.objects.filter(user=user, title=title).first()


# The member's own parts of every page they read (reviews/parts.py) ask these: plain SQL on
# this app's tables, a third of the ORM's cost for the same statement (measured).
ENTRIES_WITH_REVIEW = (
    f"SELECT entry.*, review.id AS review_id FROM {ListEntry._meta.db_table} entry"
    f" LEFT JOIN {Review._meta.db_table} review"
    " ON review.user_id = entry.user_id AND review.title_id = entry.title_id"
    " WHERE entry.user_id = %s AND entry.title_id = ANY(%s)"
)
VOTES_OF_USER = (
    f"SELECT review_id, helpful FROM {ReviewVote._meta.db_table}"
    " WHERE user_id = %s AND review_id = ANY(%s)"
)


def entries_for(user: User | AnonymousUser, title_ids: Sequence[int]) -> dict[int, ListEntry]:
    """The user's list entries for these titles by title id, each with `review_id`, the id of
    the user's review of the title or None: one query, none for guests."""
    if not user.is_authenticated:
        return {}
    entries = ListEntry.objects.raw(ENTRIES_WITH_REVIEW, [user.pk, list(title_ids)])
    return {entry.title_id: entry for entry in entries}


def recently_watched_by(title: Title, limit: int) -> list[ListEntry]:
    return list(ListEntry.objects.recently_watched(title, limit))


def list_summary(user: User, per_status: int) -> list[tuple[str, str, int, list[ListEntry]]]:
    """The user's list by status: (value, label, total, latest `per_status` entries).

    Two queries whatever the list's length: the totals, then the latest few of each status.
    """
    totals = dict(
        ListEntry.objects.filter(user=user).order_by().values_list("status").annotate(n=Count("id"))
    )
    latest = (
        ListEntry.objects.of_user(user)
        .annotate(
            position=Window(
                RowNumber(), partition_by=F("status"), order_by=[F("updated_at").desc(), F("id")]
            )
        )
        .filter(position__lte=per_status)
        .order_by("status", "position")
    )
    by_status: dict[str, list[ListEntry]] = {}
    for entry in latest:
        by_status.setdefault(entry.status, []).append(entry)
    return [
        (value, label, totals[value], by_status.get(value, []))
        for value, label in ListEntry.Status.choices
        if totals.get(value)
    ]


def top_reviews(title: Title, limit: int) -> list[Review]:
    """The most helpful reviews first (Wilson lower bound of helpful votes), then newest."""
    return list(Review.objects.filter(title=title).for_display().most_helpful()[:limit])


def my_votes(user: User | AnonymousUser, review_ids: Sequence[int]) -> dict[int, bool]:
    """The user's helpful votes (True for yes) by review id: one query, none for guests."""
    if not user.is_authenticated or not review_ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(VOTES_OF_USER, [user.pk, list(review_ids)])
        return dict(cursor.fetchall())


def likes(*, min_score: float, per_user: int) -> QuerySet[ListEntry, dict[str, Any]]:
    """(user_id, title_id) of every member's best-scored titles, scores of `min_score` or more,
    at most `per_user` a member (the most recently updated first among equal scores).

    The input of computed similar titles: other apps build on it through this queryset,
    never by reading the list entries' table.
    """
    return (
        ListEntry.objects.filter(score__gte=min_score)
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=F("user_id"),
                order_by=[F("score").desc(), F("updated_at").desc(), F("title_id")],
            )
        )
        .filter(position__lte=per_user)
        .values("user_id", "title_id")
    )


def ranked(titles: QuerySet[Title], by: str) -> QuerySet[Title]:
    """`titles` in the order of their stored statistics, each with its `stats` row loaded:
    "score" is Ranked (titles with at least one score, by weighted score), "popularity" is
    Popularity (titles on anyone's list, by watchers)."""
    titles = titles.select_related("stats")
    if by == "score":
        return titles.filter(stats__rank__isnull=False).order_by("stats__rank")
    if by == "popularity":
        return titles.filter(stats__popularity__isnull=False).order_by("stats__popularity")
    raise ValueError(f"no ranking by {by!r}")


def most_watched_first(titles: QuerySet[Title]) -> QuerySet[Title]:
    """`titles` by Popularity, those nobody has listed last: for short lists (airing now),
    since it sorts them all."""
    return titles.select_related("stats").order_by(
        F("stats__popularity").asc(nulls_last=True), "id"
    )


def trending(limit: int) -> list[Title]:
    """Titles most rated and listed in the last week (as of the last rankings refresh)."""
    return list(
        Title.objects.filter(stats__trending__gt=0)
        .select_related("stats")
        .order_by("-stats__trending", "stats__popularity", "id")[:limit]
    )


def latest_reviews(limit: int) -> list[Review]:
    """The newest reviews of any title, with their title and author: one query."""
    return list(Review.objects.select_related("title", "user").order_by("-created_at")[:limit])


def best_known_titles(person_ids: list[int], per_person: int) -> dict[int, list[Title]]:
    """Each person's most popular titles (by Popularity, unlisted ones last): one query."""
    if not person_ids:
        return {}
    credits = (
        Credit.objects.filter(person_id__in=person_ids)
        .select_related("title")
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=F("person_id"),
                order_by=[F("title__stats__popularity").asc(nulls_last=True), F("title_id")],
            )
        )
        .filter(position__lte=per_person)
        .order_by("person_id", "position")
    )
    found: dict[int, list[Title]] = {}
    for credit in credits:
        titles = found.setdefault(credit.person_id, [])
        if credit.title not in titles:
            titles.append(credit.title)
    return found
