"""Site-wide template helpers: dates as people read them, members' formatted text."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Literal

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from core.links import page_link
from core.markup import plain_teaser, render

register = template.Library()

RECENT = timedelta(days=30)
DATE_FORMAT = "M j, Y"


@register.filter
def humandate(value: datetime | None) -> str:
    """ "today", "yesterday" or "28 days ago" within a month, "Jul 15, 2014" before that.

    Whole calendar days only, so a page stays right all day: cached pages are keyed by the
    day (core/page_cache.py)."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    days = (timezone.localdate() - local.date()).days
    if days < RECENT.days:
        return "today" if days <= 0 else "yesterday" if days == 1 else f"{days} days ago"
    return format_date(local, DATE_FORMAT)


@register.filter
def countdown(value: date | None) -> str:
    """How far off a coming date is, in whole days: "today", "tomorrow", "in 5 days"."""
    if value is None:
        return ""
    days = (value - timezone.localdate()).days
    return "today" if days <= 0 else "tomorrow" if days == 1 else f"in {days} days"


register.simple_tag(page_link, name="page_link")


@register.simple_tag
def read_more(text: str, words: int, formatted: bool = False) -> SafeString:
    """Long text cut after `words` words, whole behind "read more", without JavaScript.

    Members' text (`formatted=True`) is formatted (core/markup.py), with a plain teaser whose
    spoilers are covered; the catalogue's text (synopses, biographies) keeps its paragraphs
    only. A tag rather than an included template: comment lists show dozens of them."""
    full = render(text) if formatted else linebreaks_filter(text, autoescape=True)
    if len(text.split()) <= words:
        return format_html("<div>{}</div>", full)
    teaser = plain_teaser(text, words) if formatted else Truncator(text).words(words, truncate=" …")
    return format_html(
        '<details class="read-more"><summary><span class="read-more-teaser">{}</span> '
        '<span class="read-more-label">read more</span></summary>'
        '<div class="read-more-full">{}</div></details>',
        teaser,
        full,
    )


@register.filter
def teaser(text: str | None, words: int) -> str:
    """A member's text as a plain line of `words` words, its spoilers covered."""
    return plain_teaser(text or "", words)


@register.filter
def formatted(text: str | None) -> SafeString:
    """A member's text as safe HTML: `{{ review.body|formatted }}`."""
    return render(text or "")


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
    """Scores as the site shows them, always with one decimal: "10.0", "9.5".

    A missing value reaches a filter as None, or as "" when the variable does not resolve.
    """
    if value is None or value == "":
        return "–"
    return f"{value:.1f}"


@register.filter
def broadcast_time(value: datetime | None) -> str:
    """A time as its broadcaster gives it, in its own zone and labelled: "21:00 JST",
    "20:30 UTC+07" (a zone without a short name). Not moved to the site's zone."""
    if value is None:
        return ""
    name = value.tzname() or ""
    if not name.isalpha():
        minutes = int((value.utcoffset() or timedelta()).total_seconds()) // 60
        hours, rest = divmod(abs(minutes), 60)
        name = f"UTC{'-' if minutes < 0 else '+'}{hours:02d}" + (f":{rest:02d}" if rest else "")
    return f"{value:%H:%M} {name}"
