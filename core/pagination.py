"""Pages of long lists that never count the whole list.

Two idioms: `stored_count_page` when a stored counter already knows the list's length (a
title's reviews, a recommendation's reasons): numbered pages with no COUNT(*); and
`countless_page` when nothing stores it: "Newer / Older" links only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

MAX_PAGE = 100_000


def parse_page_number(value: str | int | None) -> int:
    """The page asked for in a query string; anything odd means the first page."""
    try:
        number = int(value or 1)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= MAX_PAGE else 1


@dataclass
class CountlessPage:
    """A page that knows whether another follows by fetching one row more than it shows.

    A COUNT(*) over a large table costs more the larger it grows; "Newer" and "Older" links
    need only to know whether there is more.
    """

    number: int
    object_list: list
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def countless_page(
    queryset: QuerySet, page_number: str | int | None, per_page: int
) -> CountlessPage:
    number = parse_page_number(page_number)
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    return CountlessPage(number, rows[:per_page], has_next=len(rows) > per_page)


def countless_page_of_ids(
    queryset: QuerySet, page_number: str | int | None, per_page: int,
    rows: Callable[[list[Any]], QuerySet],
) -> CountlessPage:  # fmt: skip
    """As countless_page, in two steps: the page's ids from `queryset` alone, then `rows(ids)`
    (the same rows with what they join), in the page's order. A long list sorted on its own
    table's index stays cheap: joining every row before sorting and cutting the page can make
    PostgreSQL read the whole joined table."""
    ids = countless_page(queryset.values_list("pk", flat=True), page_number, per_page)
    found = rows(list(ids.object_list)).in_bulk(ids.object_list)
    chosen = [found[pk] for pk in ids.object_list if pk in found]
    return CountlessPage(ids.number, chosen, has_next=ids.has_next)


Fetch = Callable[[int, int], list[Any]]


class _Counted(Sequence[Any]):
    """A list whose length is known in advance and whose slices are fetched on demand, so
    that Paginator never asks the database for COUNT(*)."""

    def __init__(self, total: int, fetch: Fetch) -> None:
        self.total = total
        self.fetch = fetch

    def count(self) -> int:  # type: ignore[override]  # Paginator calls count() with no value
        return self.total

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if not isinstance(index, slice):
            raise TypeError("a page is fetched by slice only")
        start, stop, _ = index.indices(self.total)
        return self.fetch(start, stop - start) if stop > start else []


def stored_count_page(
    items: QuerySet[Any] | Fetch, *, count: int, page_number: str | int | None, per_page: int
) -> Page:
    """A numbered page of `items`, whose length a stored counter gives as `count`.

    `items` is a queryset in its page order or a function (offset, limit) -> list.
    """
    fetch = (
        items if callable(items) else (lambda offset, limit: list(items[offset : offset + limit]))
    )
    return Paginator(_Counted(count, fetch), per_page).get_page(page_number)
