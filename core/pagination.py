"""Pages of long lists that never count the whole list."""

from __future__ import annotations

from dataclasses import dataclass

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
