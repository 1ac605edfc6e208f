"""Site-wide template helpers: dates as people read them."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Literal

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date

register = template.Library()

RECENT = timedelta(days=30)
DATE_FORMAT = "M j, Y"


@register.filter
def humandate(value: datetime | None) -> str:
    """ "28 days ago" within a month, "Jul 15, 2014" before that."""
    if value is None:
        return ""
    age = timezone.now() - value
    if age < RECENT:
        # The largest whole unit up to days: "28 days ago", never "4 weeks ago".
        for unit, seconds in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
            count = int(age.total_seconds() // seconds)
            if count >= 1:
                return f"{count} {unit}{'' if count == 1 else 's'} ago"
        return "just now"
    return format_date(timezone.localtime(value), DATE_FORMAT)


@register.filter
def lt(value: int, limit: int) -> bool:
    """`forloop.counter|lt:4`: true for the first three of a loop."""
    return value < limit


@register.filter
def machine_time(value: datetime | None) -> str:
    """A `<time datetime>` value: ISO 8601 to the second, as HTML allows ("…T11:25:28+00:00")."""
    if value is None:
        return ""
    return value.replace(microsecond=0).isoformat()


@register.simple_tag
def aired_range(start: date | None, end: date | None) -> str:
    """ "Oct 15, 2005 to Dec 20, 2005"; a single date for one-day airings."""
    if start is None:
        return ""
    if end is None:
        return f"{format_date(start, DATE_FORMAT)} to ?"
    if end == start:
        return format_date(start, DATE_FORMAT)
    return f"{format_date(start, DATE_FORMAT)} to {format_date(end, DATE_FORMAT)}"


@register.filter
def score(value: Decimal | float | Literal[""] | None) -> str:
    """Scores as the site shows them: "10" for a perfect score, one decimal otherwise.

    A missing value reaches a filter as None, or as "" when the variable does not resolve.
    """
    if value is None or value == "":
        return "–"
    return "10" if value == 10 else f"{value:.1f}"
