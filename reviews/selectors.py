"""Reads of the reviews app that other apps' pages call."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber

from accounts.models import User
from core.replicas import read_connection
from titles.countries import country_name
from titles.models import Credit, Genre, Title

from .models import ListEntry, MemberStats, Review, ReviewVote, TitleStats


def stats_for(title: Title) -> TitleStats:
    """The title's statistics; an unsaved empty row when nobody has listed it yet. One query,
    or none when the title was read with `select_related("stats")`."""
    try:
        return title.stats
    except TitleStats.DoesNotExist:
        return TitleStats(title=title)


def entry_for(user: User | AnonymousUser, title: Title) -> ListEntry | None:
    if not user.is_authenticated:
        return None
    return ListEntry.objects.filter(user=user, title=title).first()


# What the member's own parts of a page (reviews/parts.py) need, in one statement: their
# entries for the titles shown, each with their review's id, and their votes on the reviews
# shown. Plain SQL on this app's tables: the ORM costs three times as much for each of the
# two, and every page a member reads asks it.
MEMBER_STATE = (
    "SELECT 'entry', entry.title_id, entry.id, entry.status, entry.score, entry.episodes_seen,"
    " review.id"
    f" FROM {ListEntry._meta.db_table} entry"
    f" LEFT JOIN {Review._meta.db_table} review"
    " ON review.user_id = entry.user_id AND review.title_id = entry.title_id"
    " WHERE entry.user_id = %(user)s AND entry.title_id = ANY(%(titles)s)"
    " UNION ALL"
    " SELECT 'vote', vote.review_id, NULL, NULL, NULL, NULL, vote.helpful::int"
    f" FROM {ReviewVote._meta.db_table} vote"
    " WHERE vote.user_id = %(user)s AND vote.review_id = ANY(%(reviews)s)"
)


@dataclass(frozen=True)
class MemberState:
    """A member's entries by title id (each with `review_id`), and votes by review id."""

    entries: dict[int, ListEntry] = field(default_factory=dict)
    votes: dict[int, bool] = field(default_factory=dict)


def member_state(
    user: User | AnonymousUser, *, title_ids: Sequence[int], review_ids: Sequence[int]
) -> MemberState:
    """The member's entries for `title_ids` and helpful votes (True for yes) on `review_ids`:
    one query, none for guests. The entries hold what the rating form and the member's
    progress show."""
    if not user.is_authenticated or not (title_ids or review_ids):
        return MemberState()
    state = MemberState()
    with read_connection(ListEntry).cursor() as cursor:
        params: dict[str, Any] = {"user": user.pk, "titles": list(title_ids),
                                  "reviews": list(review_ids)}  # fmt: skip
        cursor.execute(MEMBER_STATE, params)
        for kind, key, entry_id, status, score, seen, value in cursor.fetchall():
            if kind == "vote":
                state.votes[key] = bool(value)
                continue
            entry = ListEntry(pk=entry_id, user_id=user.pk, title_id=key, status=status,
                              score=score, episodes_seen=seen)  # fmt: skip
            entry.review_id = value
            state.entries[key] = entry
    return state


def my_votes(user: User | AnonymousUser, review_ids: Sequence[int]) -> dict[int, bool]:
    """The user's helpful votes (True for yes) by review id: one query, none for guests."""
    return member_state(user, title_ids=[], review_ids=review_ids).votes


def recently_watched_by(title: Title, limit: int) -> list[ListEntry]:
    return list(ListEntry.objects.recently_watched(title, limit))


def list_summary(
    user: User, per_status: int, viewer: User | AnonymousUser, stats: MemberStats
) -> list[tuple[str, str, int, list[ListEntry]]]:
    """The user's list by status as `viewer` may see it (private entries for its owner only):
    (value, label, total, latest `per_status` entries).

    The totals are the member's stored statistics (`stats`), which leave private entries out;
    the owner's own private ones are counted from a small index of them. The latest entries
    are read a few per status from the index by status and date, then with their titles: two
    queries (three for the owner) whatever the list's length.
    """
    totals = Counter({status: n for status, n in stats.by_status.items() if n})
    if viewer.is_authenticated and viewer.pk == user.pk:
        private = ListEntry.objects.filter(user=user, is_private=True).order_by()
        totals.update(dict(private.values_list("status").annotate(n=Count("id"))))
    statuses = [value for value in ListEntry.Status.values if totals.get(value)]
    seen = ListEntry.objects.filter(user=user).seen_by(viewer)
    parts = [
        seen.filter(status=status).order_by("-updated_at", "-id").values("id")[:per_status]
        for status in statuses
    ]
    latest: list[ListEntry] = []
    if parts:
        ids = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        latest = list(
            ListEntry.objects.filter(id__in=[row["id"] for row in ids])
            .select_related("title")
            .order_by("-updated_at", "-id")
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
    """The most helpful reviews first (Wilson lower bound of helpful votes), then newest; each
    with its author, and with `title` as its title rather than a copy read again."""
    reviews = Review.objects.filter(title=title).visible().select_related("user").most_helpful()
    found = list(reviews[:limit])
    for review in found:
        review.title = title
    return found


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
    return list(Review.objects.visible().for_display().order_by("-created_at")[:limit])


def following_title_ids(user: User) -> QuerySet[ListEntry, int]:
    """The ids of the titles a member follows: watching, planning or holding (a subquery)."""
    following = [
        ListEntry.Status.WATCHING,
        ListEntry.Status.PLAN_TO_WATCH,
        ListEntry.Status.ON_HOLD,
    ]
    return ListEntry.objects.filter(user=user, status__in=following).values_list(
        "title_id", flat=True
    )


def continue_watching(user: User, limit: int) -> list[ListEntry]:
    """The titles the member is watching, the latest changed first, with the titles: one
    query."""
    entries = ListEntry.objects.of_user(user).filter(status=ListEntry.Status.WATCHING)
    return list(entries.order_by("-updated_at", "-id")[:limit])


@dataclass(frozen=True)
class MemberStatistics:
    """A member's stored statistics as a profile shows them: the numbers, and the leading
    countries, genres and years by name, the most titles first."""

    stats: MemberStats
    countries: list[tuple[str, int]]
    genres: list[tuple[str, int]]
    years: list[tuple[str, int]]


def member_statistics(user: User, leading: int) -> MemberStatistics:
    """Two queries whatever the list's length: the stored row, and the names of its leading
    genres."""
    stats = MemberStats.objects.filter(user=user).first() or MemberStats(user=user)
    genres = _leading(stats.by_genre, leading)
    names = dict(
        Genre.objects.filter(id__in=[int(pk) for pk, _ in genres]).values_list("id", "name")
    )
    return MemberStatistics(
        stats=stats,
        countries=[(country_name(code), n) for code, n in _leading(stats.by_country, leading)],
        genres=[(names[int(pk)], n) for pk, n in genres if int(pk) in names],
        years=_leading(stats.by_year, leading),
    )


def _leading(counts: dict[str, int], leading: int) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:leading]


def latest_reviews_by(user: User, limit: int) -> list[Review]:
    """A member's newest visible reviews, with their titles: one query."""
    reviews = Review.objects.filter(user=user).visible().select_related("title")
    found = list(reviews.order_by("-created_at", "-id")[:limit])
    for review in found:
        review.user = user
    return found


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


def entries_of(user: User) -> QuerySet[ListEntry]:
    """Every entry on the member's list, private ones too: for the member's own use only."""
    return ListEntry.objects.filter(user=user).select_related("title").order_by("pk")


def reviews_of(user: User) -> QuerySet[Review]:
    """Every review the member wrote, hidden ones too: for the member's own use only."""
    return Review.objects.filter(user=user).select_related("title").order_by("pk")


def public_entry_ids(ids: Collection[int]) -> set[int]:
    """Which of these list entries are still there and public (the feed's ratings)."""
    if not ids:
        return set()
    return set(ListEntry.objects.filter(pk__in=ids, is_private=False).values_list("pk", flat=True))


def visible_reviews(ids: Collection[int]) -> dict[int, Review]:
    """These reviews, those still there and shown (the feed's reviews)."""
    if not ids:
        return {}
    return Review.objects.visible().filter(pk__in=ids).only("pk", "headline", "overall").in_bulk()
