"""The metadata of front's own pages (core.metadata): the title page and a member's profile."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from accounts.models import User
from core import structured_data as sd
from core.metadata import PageMeta, breadcrumbs, summary, upload
from reviews.metadata import aggregate_rating, review_summary
from reviews.models import Review, TitleStats
from titles.metadata import person_ref, work_type
from titles.models import PageCredits, Title


def title_meta(request: HttpRequest, title: Title, *, credits: PageCredits) -> PageMeta:
    """A title shares as a video card with its poster; its data is a TVSeries or a Movie, but
    for its score and reviews, which writes change far more often (`with_scores`)."""
    movie = title.kind == Title.Kind.MOVIE
    meta = PageMeta(og_type="video.movie" if movie else "video.tv_show", title=str(title))
    meta.description = summary(title.synopsis) or _title_line(title)
    if poster := upload(request, title.poster, f"Poster of {title.title}"):
        meta.image, meta.twitter_card = poster, "summary"
    if title.aired_from:
        meta.properties.append(("video:release_date", title.aired_from.isoformat()))
    work = title_data(
        title,
        url=request.build_absolute_uri(title.get_absolute_url()),
        description=meta.description,
        image=poster.url if poster else None,
        credits=credits,
        absolute=request.build_absolute_uri,
    )
    trail = breadcrumbs(request, ("Titles", reverse("front:browse")), (title.title, ""))
    meta.data = [work, trail]
    return meta


def title_scores(request: HttpRequest, stats: TitleStats, reviews: Iterable[Review]) -> sd.Data:
    """A title's score and top reviews, as its data names them."""
    absolute = request.build_absolute_uri
    return sd.without_empty({
        "aggregateRating": aggregate_rating(stats),
        "review": [review_summary(review, absolute) for review in reviews],
    })  # fmt: skip


def with_scores(meta: PageMeta, scores: sd.Data) -> PageMeta:
    """The title's metadata (`title_meta`) with its score and reviews (`title_scores`): a new
    one, as both may be kept and shared."""
    work, *rest = meta.data
    return replace(meta, properties=list(meta.properties), data=[{**work, **scores}, *rest])


def _title_line(title: Title) -> str:
    """A title's description when it has no synopsis."""
    label = title.get_kind_display()
    kind = label if label.startswith("TV") else label.lower()
    facts = f"a {kind}" + (f" from {title.country.name}" if title.country else "")
    if title.episodes and title.kind != Title.Kind.MOVIE:
        facts += f", {title.episodes} episode{'s' if title.episodes != 1 else ''}"
    return f"{title}: {facts}. Ratings, reviews, cast and comments on {settings.SITE_NAME}."


def title_data(
    title: Title,
    *,
    url: str,
    description: str,
    image: str | None,
    credits: PageCredits,
    absolute: sd.Absolute,
) -> sd.Data:
    """A title as a TVSeries (or a Movie): its names, dates and people."""
    movie = title.kind == Title.Kind.MOVIE
    names = [title.native_title, *title.other_names]
    first = sd.day(title.aired_from) or (str(title.year) if title.year else None)
    data: sd.Data = {
        "@context": sd.SCHEMA,
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
        data["endDate"] = sd.day(title.aired_to)
        data["numberOfEpisodes"] = title.episodes
    data["actor"] = [person_ref(credit.person, absolute) for credit in credits.cast_preview]
    data["director"] = [person_ref(person, absolute) for person in credits.directors]
    return sd.without_empty(data)


def profile_meta(request: HttpRequest, member: User) -> PageMeta:
    """A member's profile shares as a profile card with their avatar."""
    meta = PageMeta(og_type="profile", title=member.username)
    meta.description = summary(member.bio) or (
        f"{member.username}'s list of dramas and films, ratings and reviews "
        f"on {settings.SITE_NAME}."
    )
    if avatar := upload(request, member.avatar, f"Avatar of {member.username}"):
        meta.image, meta.twitter_card = avatar, "summary"
    meta.properties.append(("profile:username", member.username))
    return meta
