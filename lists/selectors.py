"""Reads of members' favorites and their counts."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from core.replicas import read_connection
from titles.models import Person, Title

from .models import (
    CustomList,
    CustomListItem,
    FavoritePerson,
    FavoriteTitle,
    PersonFavoriteCount,
    TitleFavoriteCount,
)

# The kinds of things a member can favor, as the pages name them.
KINDS = ("title", "person")
# Everything a member favors, both kinds in one statement.
FAVORED = f"""
    SELECT 'title', title_id FROM {FavoriteTitle._meta.db_table} WHERE user_id = %(user)s
    UNION ALL
    SELECT 'person', person_id FROM {FavoritePerson._meta.db_table} WHERE user_id = %(user)s
"""


@dataclass(frozen=True)
class FavoriteState:
    counts: dict[tuple[str, int], int]  # how many members favor each thing
    mine: set[tuple[str, int]]  # which of them the viewer favors


def favorite_state(
    wanted: Sequence[tuple[str, int]],
    favored: Collection[tuple[str, int]] = frozenset(),
    *,
    count_titles: bool = True,
) -> FavoriteState:
    """The counts of the things asked for, and which of them are among `favored` (the viewer's
    favorites, `favored_by`): one query a kind for the counts, none for titles whose page read
    them (`count_titles=False`)."""
    counts: dict[tuple[str, int], int] = {}
    titles = sorted({pk for kind, pk in wanted if kind == "title"})
    people = sorted({pk for kind, pk in wanted if kind == "person"})
    if titles and count_titles:
        found = TitleFavoriteCount.objects.filter(title_id__in=titles)
        counts |= {("title", pk): n for pk, n in found.values_list("title_id", "count")}
    if people:
        found_people = PersonFavoriteCount.objects.filter(person_id__in=people)
        counts |= {("person", pk): n for pk, n in found_people.values_list("person_id", "count")}
    return FavoriteState(counts, {key for key in wanted if key in favored})


def favored_by(viewer: User | AnonymousUser) -> frozenset[tuple[str, int]]:
    """Every title and person `viewer` favors, as (kind, id): one query, none for a visitor.
    Members' parts keep it under their own version (lists/parts.py), which every change to
    their favorites moves, so a page of titles and people asks nothing more."""
    if not viewer.is_authenticated:
        return frozenset()
    with read_connection(FavoriteTitle).cursor() as cursor:
        cursor.execute(FAVORED, {"user": viewer.pk})
        return frozenset((kind, int(pk)) for kind, pk in cursor.fetchall())


def title_favorite_count(title: Title) -> int:
    """How many members favor `title`: one primary-key read."""
    row = TitleFavoriteCount.objects.filter(title=title).values_list("count", flat=True)
    return next(iter(row), 0)


def favorite_titles(user: User, limit: int) -> list[Title]:
    """The member's favorite titles in their order: one query."""
    favorites = FavoriteTitle.objects.filter(user=user).select_related("title")
    return [favorite.title for favorite in favorites.order_by("position")[:limit]]


def favorite_people(user: User, limit: int) -> list[Person]:
    """The member's favorite people, the latest first: one query."""
    favorites = FavoritePerson.objects.filter(user=user).select_related("person")
    return [favorite.person for favorite in favorites.order_by("-created_at", "-id")[:limit]]


def visible_list(pk: int, viewer: User | AnonymousUser) -> CustomList:
    """The list `pk` with its owner, if `viewer` may see it: a private list is its owner's
    alone, and anyone else is told it does not exist (404, not 403)."""
    found = CustomList.objects.select_related("user").filter(pk=pk).first()
    if found is None or (found.is_private and found.user_id != getattr(viewer, "pk", None)):
        raise Http404("No such list.")
    return found


def list_items(custom_list: CustomList) -> QuerySet[CustomListItem]:
    return CustomListItem.objects.filter(custom_list=custom_list).select_related("title")


def lists_of(user: User, viewer: User | AnonymousUser, limit: int) -> list[CustomList]:
    """The member's lists that `viewer` may see, the latest changed first: one query."""
    lists = CustomList.objects.filter(user=user)
    if getattr(viewer, "pk", None) != user.pk:
        lists = lists.filter(is_private=False)
    return list(lists.order_by("-updated_at", "-id")[:limit])


def lists_with(title: Title, limit: int) -> list[CustomList]:
    """Public lists that hold `title`, the latest changed first, with their owners."""
    holding = CustomListItem.objects.filter(title=title).values("custom_list_id")
    lists = CustomList.objects.filter(pk__in=holding, is_private=False).select_related("user")
    return list(lists.order_by("-updated_at", "-id")[:limit])


def items_of(user: User) -> QuerySet[CustomListItem]:
    """The titles on all the member's lists, private ones too, list by list in order: for the
    member's own use only."""
    return (
        CustomListItem.objects.filter(custom_list__user=user)
        .select_related("custom_list", "title")
        .order_by("custom_list_id", "position")
    )


def list_names(user: User) -> tuple[tuple[int, str], ...]:
    """The id and name of each of the member's lists, by name: what "Add to a list" offers
    (the same order as AddToListForm's choices). One query."""
    mine = CustomList.objects.filter(user=user).order_by("name").values_list("pk", "name")
    return tuple(mine)


def lists_of_owner(user: User) -> QuerySet[CustomList]:
    """All the member's lists, private and empty ones too: for the member's own use only."""
    return CustomList.objects.filter(user=user).order_by("pk")


def favorites_of(user: User) -> tuple[QuerySet[FavoriteTitle], QuerySet[FavoritePerson]]:
    """The member's favorite titles in their order, and people."""
    titles = FavoriteTitle.objects.filter(user=user).select_related("title").order_by("position")
    people = FavoritePerson.objects.filter(user=user).select_related("person").order_by("pk")
    return titles, people


def public_lists(ids: Collection[int]) -> dict[int, CustomList]:
    """These lists, those still there and public (the feed's new lists)."""
    if not ids:
        return {}
    return CustomList.objects.filter(pk__in=ids, is_private=False).only("pk", "name").in_bulk()
