"""Members' public lists: their list of titles (never a private entry, never a note of their
own) and their custom lists (never a private one)."""

from __future__ import annotations

from typing import Literal

from django.db.models import F
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from accounts.models import User
from lists.models import CustomList, CustomListItem
from reviews.models import ListEntry

from ..cursors import Order, paged, read_moment
from ..schemas import CustomListDetail, CustomListPage, EntryPage
from .titles import Paging

router = Router(tags=["members"])

LIST_ITEMS_SHOWN = 500
LATEST_FIRST = Order(F("updated_at"), descending=True, read=read_moment)


class EntryPaging(Paging):
    status: Literal["", "watching", "completed", "plan_to_watch", "on_hold", "dropped"] = ""


@router.get(
    "/users/{username}/list", response=EntryPage, summary="A member's list, latest changed first"
)
def member_list(request: HttpRequest, username: str, paging: Query[EntryPaging]) -> dict:
    member = get_object_or_404(User.objects.only("id"), username=username, is_active=True)
    entries = ListEntry.objects.filter(user=member, is_private=False).select_related("title")
    if paging.status:
        entries = entries.filter(status=paging.status)
    return paged(entries, LATEST_FIRST, paging.cursor, paging.limit)


@router.get("/users/{username}/lists", response=CustomListPage, summary="A member's public lists")
def member_lists(request: HttpRequest, username: str, paging: Query[Paging]) -> dict:
    member = get_object_or_404(User.objects.only("id"), username=username, is_active=True)
    lists = CustomList.objects.filter(user=member, is_private=False)
    return paged(lists, LATEST_FIRST, paging.cursor, paging.limit)


@router.get("/lists/{list_id}", response=CustomListDetail, summary="A public list and its titles")
def custom_list(request: HttpRequest, list_id: int) -> dict:
    found = get_object_or_404(
        CustomList.objects.select_related("user"), pk=list_id, is_private=False
    )
    items = (
        CustomListItem.objects.filter(custom_list=found)
        .select_related("title")
        .order_by("position")[:LIST_ITEMS_SHOWN]
    )
    return {
        **{name: getattr(found, name) for name in ("id", "name", "description", "items_count",
                                                    "updated_at")},
        "url": found.get_absolute_url(),
        "owner": found.user.username,
        "entries": [
            {"position": item.position, "title": item.title, "note": item.note} for item in items
        ],
    }  # fmt: skip
