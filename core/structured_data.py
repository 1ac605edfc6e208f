"""schema.org data for pages, as dicts that `json_ld` turns into a script element's text.

The pieces any page uses are here; each app builds the data of its own models and pages from
them (titles.metadata, reviews.metadata, news.metadata, front.page_meta). Every builder reads
only objects its page already loaded, so none of them makes a query. `absolute` turns a path
into the full address search engines need (the request's own).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

Absolute = Callable[[str], str]
Data = dict[str, Any]

SCHEMA = "https://schema.org"
BEST_SCORE = 10
WORST_SCORE = 1

# As django.utils.html.json_script does: text inside <script> must not close the element or
# start a comment, whatever a title or a review says.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: Data) -> SafeString:
    """`data` as the text of a <script type="application/ld+json"> element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_SCRIPT_ESCAPES))


def day(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def number(value: Decimal) -> float | int:
    """A score as JSON shows it: 10 stays 10, 9.5 stays 9.5."""
    return int(value) if value == value.to_integral_value() else float(value)


def without_empty(data: Data) -> Data:
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def person(name: str, url: str) -> Data:
    """A person named as part of another item: a title's actor, a review's author."""
    return {"@type": "Person", "name": name, "url": url}


def rating(score: Decimal) -> Data:
    return {
        "@type": "Rating",
        "ratingValue": number(score),
        "bestRating": BEST_SCORE,
        "worstRating": WORST_SCORE,
    }


def organization(name: str, url: str, logo: str) -> Data:
    return {"@type": "Organization", "name": name, "url": url, "logo": logo}


def breadcrumb_list(trail: Sequence[tuple[str, str]], absolute: Absolute) -> Data:
    """Where a page sits: (name, path) from the top down to the page itself."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(path)}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }
