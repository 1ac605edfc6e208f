"""Site-wide template helpers: dates as people read them."""

from datetime import date, datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.timesince import timesince

register = template.Library()

RECENT = timedelta(days=30)
DATE_FORMAT = "M j, Y"


@register.filter
def humandate(value: datetime | None) -> str:
    """ "28 days ago" within a month, "Jul 15, 2014" before that."""
    if value is None:
        return ""
    now = timezone.now()
    if now - value < RECENT:
        if now - value < timedelta(minutes=1):
            return "just now"
        return f"{timesince(value, now, depth=1)} ago".replace("\xa0", " ")
    return format_date(timezone.localtime(value), DATE_FORMAT)


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
def score(value) -> str:
    """Scores as the site shows them: "10" for a perfect score, one decimal otherwise."""
    if value is None or value == "":
        return "–"
    return "10" if value == 10 else f"{value:.1f}"
