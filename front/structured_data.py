"""schema.org data for pages, as dicts that `json_ld` turns into a script element's text.

Every builder reads only objects its page already loaded, so none of them makes a query.
`absolute` turns a path into the full address search engines need (the request's own).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from accounts.models import User
from news.models import Article
from reviews.models import Review, TitleStats
from titles.models import Credit, Person, Title

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


def work_type(title: Title) -> str:
    return "Movie" if title.kind == Title.Kind.MOVIE else "TVSeries"


def _day(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def _number(value: Decimal) -> float | int:
    """A score as JSON shows it: 10 stays 10, 9.5 stays 9.5."""
    return int(value) if value == value.to_integral_value() else float(value)


def _without_empty(data: Data) -> Data:
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def person_ref(person: Person, absolute: Absolute) -> Data:
    return {"@type": "Person", "name": person.name, "url": absolute(person.get_absolute_url())}


def member_ref(member: User, absolute: Absolute) -> Data:
    return {"@type": "Person", "name": member.username, "url": absolute(member.get_absolute_url())}


def work_ref(title: Title, absolute: Absolute) -> Data:
    url = absolute(title.get_absolute_url())
    return {"@type": work_type(title), "name": title.title, "url": url}


def rating(score: Decimal) -> Data:
    return {
        "@type": "Rating",
        "ratingValue": _number(score),
        "bestRating": BEST_SCORE,
        "worstRating": WORST_SCORE,
    }


def aggregate_rating(stats: TitleStats) -> Data | None:
    """The mean of members' scores and how many gave one, as the page's header shows them."""
    mean = stats.mean
    if mean is None:
        return None
    return _without_empty(
        {
            "@type": "AggregateRating",
            "ratingValue": float(mean),  # a mean, one decimal as the page shows it
            "bestRating": BEST_SCORE,
            "worstRating": WORST_SCORE,
            "ratingCount": stats.ratings_count,
            "reviewCount": stats.review_count or None,
        }
    )


def review_summary(review: Review, absolute: Absolute) -> Data:
    """A review as part of another item (the title's page): no itemReviewed, no body."""
    return _without_empty(
        {
            "@type": "Review",
            "url": absolute(review.get_absolute_url()),
            "name": review.headline,
            "author": member_ref(review.user, absolute),
            "datePublished": _day(review.created_at),
            "reviewRating": rating(review.overall),
        }
    )


def title_data(
    title: Title,
    *,
    url: str,
    description: str,
    image: str | None,
    stats: TitleStats,
    cast: Sequence[Credit],
    directors: Iterable[Person],
    reviews: Iterable[Review],
    absolute: Absolute,
) -> Data:
    """A title as a TVSeries (or a Movie): its names, dates, people, score and reviews."""
    movie = title.kind == Title.Kind.MOVIE
    names = [title.native_title, *title.other_names]
    first = _day(title.aired_from) or (str(title.year) if title.year else None)
    data: Data = {
        "@context": SCHEMA,
        "@type": work_type(title),
        "@id": url,
        "url": url,
        "name": title.title,
        "alternateName": [name for name in names if name],
        "description": description,
        "image": image,
        "countryOfOrigin": (
            {"@type": "Country", "name": title.country.name} if title.country else None
        ),
        "genre": [genre["name"] for genre in title.genre_links],
    }
    if movie:
        data["datePublished"] = first
        if title.duration_minutes:
            data["duration"] = f"PT{title.duration_minutes}M"
    else:
        data["startDate"] = first
        data["endDate"] = _day(title.aired_to)
        data["numberOfEpisodes"] = title.episodes
    data["actor"] = [person_ref(credit.person, absolute) for credit in cast]
    data["director"] = [person_ref(person, absolute) for person in directors]
    data["aggregateRating"] = aggregate_rating(stats)
    data["review"] = [review_summary(review, absolute) for review in reviews]
    return _without_empty(data)


def person_data(
    person: Person, *, url: str, description: str, image: str | None, absolute: Absolute
) -> Data:
    return _without_empty(
        {
            "@context": SCHEMA,
            "@type": "Person",
            "@id": url,
            "url": url,
            "name": person.name,
            "alternateName": person.native_name,
            "birthDate": _day(person.birthday),
            "description": description,
            "image": image,
        }
    )


# schema.org's property for what a person did in a work, by the kind of their credit.
CREDIT_PROPERTIES = {
    Credit.Kind.MAIN: "actor",
    Credit.Kind.SUPPORT: "actor",
    Credit.Kind.GUEST: "actor",
    Credit.Kind.DIRECTOR: "director",
    Credit.Kind.SCREENWRITER: "author",
    Credit.Kind.ORIGINAL_WORK: "author",
    Credit.Kind.PRODUCER: "producer",
    Credit.Kind.COMPOSER: "musicBy",
}
# Search engines read the first works; the page itself lists every credit.
FILMOGRAPHY_LENGTH = 100


def filmography(person: Person, credits: Iterable[Credit], *, url: str,
                absolute: Absolute) -> Data:  # fmt: skip
    """A person's works as a list, each naming the person (`url`, the @id of their data) in
    the role they had there: actor, director, author, producer or composer."""
    works: dict[int, Data] = {}
    for credit in credits:
        if credit.title_id not in works and len(works) == FILMOGRAPHY_LENGTH:
            continue
        work = works.setdefault(credit.title_id, work_ref(credit.title, absolute))
        work[CREDIT_PROPERTIES[Credit.Kind(credit.kind)]] = {"@id": url}
    return {
        "@context": SCHEMA,
        "@type": "ItemList",
        "name": f"Filmography of {person.name}",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "item": work}
            for position, work in enumerate(works.values(), start=1)
        ],
    }


def review_data(review: Review, *, url: str, description: str, absolute: Absolute) -> Data:
    return _without_empty(
        {
            "@context": SCHEMA,
            **review_summary(review, absolute),
            "@id": url,
            "description": description,
            "itemReviewed": work_ref(review.title, absolute),
        }
    )


def article_data(
    article: Article,
    *,
    url: str,
    image: str | None,
    titles: Iterable[Title],
    publisher: Data,
    absolute: Absolute,
) -> Data:
    author = article.author
    return _without_empty(
        {
            "@context": SCHEMA,
            "@type": "Article",
            "@id": url,
            "url": url,
            "headline": article.headline,
            "description": article.blurb,
            "image": image,
            "datePublished": article.published_at.isoformat(),
            # Edits made before it was published do not make it newer than its publication.
            "dateModified": max(article.updated_at, article.published_at).isoformat(),
            "author": member_ref(author, absolute) if author else publisher,
            "publisher": publisher,
            "about": [work_ref(title, absolute) for title in titles],
        }
    )


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
