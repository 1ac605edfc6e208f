"""The catalogue's metadata (core.metadata): a person's page, the pages under a title, and the
schema.org data of titles and people that other apps' pages name too."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest

from core import structured_data as sd
from core.links import page_link
from core.metadata import PageMeta, breadcrumbs, summary, under, upload

from .models import Credit, Person, Title


def work_type(title: Title) -> str:
    return "Movie" if title.kind == Title.Kind.MOVIE else "TVSeries"


def person_ref(person: Person, absolute: sd.Absolute) -> sd.Data:
    return sd.person(person.name, absolute(person.get_absolute_url()))


def work_ref(title: Title, absolute: sd.Absolute) -> sd.Data:
    url = absolute(title.get_absolute_url())
    return {"@type": work_type(title), "name": title.title, "url": url}


def under_title(request: HttpRequest, title: Title, name: str) -> PageMeta:
    """A title's own list (its cast, reviews, recommendations) sits under the title."""
    return under(request, (title.title, title.get_absolute_url()), name)


def person_meta(
    request: HttpRequest, person: Person, groups: list[tuple[str, list[Credit]]]
) -> PageMeta:
    """A person's page: their biography, or who they are and what they are known for."""
    known_for = _known_for(groups)
    meta = PageMeta(og_type="profile", title=person.name)
    meta.description = summary(person.biography) or summary(
        f"{person.name}"
        + (f" ({person.native_name})" if person.native_name else "")
        + (f", known for {', '.join(known_for)}" if known_for else "")
        + f": every credit on {settings.SITE_NAME}."
    )
    if photo := upload(request, person.photo, f"Photo of {person.name}"):
        meta.image, meta.twitter_card = photo, "summary"
    absolute = request.build_absolute_uri
    url = absolute(person.get_absolute_url())
    meta.data = [
        person_data(
            person,
            url=url,
            description=meta.description,
            image=photo.url if photo else None,
            absolute=absolute,
        ),
        breadcrumbs(request, ("People", page_link("people")), (person.name, "")),
    ]
    credits = [credit for _, kind_credits in groups for credit in kind_credits]
    if credits:
        meta.data.append(filmography(person, credits, url=url, absolute=absolute))
    return meta


def _known_for(groups: list[tuple[str, list[Credit]]], limit: int = 3) -> list[str]:
    names: list[str] = []
    for _, credits in groups:
        for credit in credits:
            if (name := str(credit.title)) not in names:
                names.append(name)
    return names[:limit]


def person_data(
    person: Person, *, url: str, description: str, image: str | None, absolute: sd.Absolute
) -> sd.Data:
    return sd.without_empty(
        {
            "@context": sd.SCHEMA,
            "@type": "Person",
            "@id": url,
            "url": url,
            "name": person.name,
            "alternateName": person.native_name,
            "birthDate": sd.day(person.birthday),
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
                absolute: sd.Absolute) -> sd.Data:  # fmt: skip
    """A person's works as a list, each naming the person (`url`, the @id of their data) in
    the role they had there: actor, director, author, producer or composer."""
    works: dict[int, sd.Data] = {}
    for credit in credits:
        if credit.title_id not in works and len(works) == FILMOGRAPHY_LENGTH:
            continue
        work = works.setdefault(credit.title_id, work_ref(credit.title, absolute))
        work[CREDIT_PROPERTIES[Credit.Kind(credit.kind)]] = {"@id": url}
    return {
        "@context": sd.SCHEMA,
        "@type": "ItemList",
        "name": f"Filmography of {person.name}",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "item": work}
            for position, work in enumerate(works.values(), start=1)
        ],
    }
