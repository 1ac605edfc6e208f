"""The shapes the API answers in (its OpenAPI schema is made from them). Only what any visitor
of the site may see: no private entries or lists, no notes of members' own entries."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field

from reviews.models import TitleStats
from titles.models import Title


def url_of(found: Any) -> str:
    """The address of a row on the site; an endpoint that answers a dict gives it itself."""
    return found["url"] if isinstance(found, dict) else found.get_absolute_url()


def stats_of(title: Title) -> TitleStats | None:
    """The title's statistics row when it has one (a title nobody has listed may not)."""
    try:
        return title.stats
    except TitleStats.DoesNotExist:
        return None


class Error(Schema):
    detail: str


class TitleRef(Schema):
    id: int
    url: str
    title: str
    native_title: str
    year: int | None
    kind: str

    @staticmethod
    def resolve_url(title: Title) -> str:
        return url_of(title)


class TitleSummary(TitleRef):
    country: str
    episodes: int | None
    aired_from: date | None
    aired_to: date | None
    status: str = Field(description="airing, upcoming or finished, from the air dates")
    score: Decimal | None = Field(description="The mean of members' scores, 1 to 10")
    ratings: int
    rank: int | None = Field(description="Place in Top rated (weighted score)")
    popularity: int | None = Field(description="Place by the number of members listing it")

    @staticmethod
    def resolve_country(title: Title) -> str:
        return title.country.code or ""

    @staticmethod
    def resolve_score(title: Title) -> Decimal | None:
        stats = stats_of(title)
        return stats.mean if stats else None

    @staticmethod
    def resolve_ratings(title: Title) -> int:
        stats = stats_of(title)
        return stats.ratings_count if stats else 0

    @staticmethod
    def resolve_rank(title: Title) -> int | None:
        stats = stats_of(title)
        return stats.rank if stats else None

    @staticmethod
    def resolve_popularity(title: Title) -> int | None:
        stats = stats_of(title)
        return stats.popularity if stats else None


class TitlePage(Schema):
    items: list[TitleSummary]
    next: str | None = Field(description="The cursor of the next page; null on the last")


class CreditOut(Schema):
    person_id: int
    name: str
    native_name: str
    kind: str
    character: str


class EpisodeOut(Schema):
    number: int
    name: str
    air_date: date | None
    runtime_minutes: int | None


class Statistics(Schema):
    score: Decimal | None
    ratings: int
    histogram: list[int] = Field(description="Scores from 1 up to 10, by whole number")
    weighted_score: float | None
    rank: int | None
    popularity: int | None
    watchers: int
    reviews: int


class TitleDetail(TitleSummary):
    """A title read with its relations prefetched (api.endpoints.titles.title)."""

    synopsis: str
    network: str | None
    duration_minutes: int | None
    alternative_names: list[str]
    genres: list[str]
    tags: list[str]
    credits: list[CreditOut]
    statistics: Statistics
    episode_guide: list[EpisodeOut]

    @staticmethod
    def resolve_network(title: Title) -> str | None:
        return title.network.name if title.network else None

    @staticmethod
    def resolve_alternative_names(title: Title) -> list[str]:
        return [alternative.name for alternative in title.alternative_titles.all()]

    @staticmethod
    def resolve_genres(title: Title) -> list[str]:
        return [genre.slug for genre in title.genres.all()]

    @staticmethod
    def resolve_tags(title: Title) -> list[str]:
        return [tag.slug for tag in title.tags.all()]

    @staticmethod
    def resolve_credits(title: Title) -> list[CreditOut]:
        return [
            CreditOut(person_id=credit.person_id, name=credit.person.name,
                      native_name=credit.person.native_name, kind=credit.kind,
                      character=credit.character_name)
            for credit in title.credits.all()
        ]  # fmt: skip

    @staticmethod
    def resolve_statistics(title: Title) -> Statistics:
        stats = stats_of(title) or TitleStats(title=title)
        return Statistics(
            score=stats.mean, ratings=stats.ratings_count, histogram=list(stats.histogram),
            weighted_score=stats.weighted_score, rank=stats.rank, popularity=stats.popularity,
            watchers=stats.watchers, reviews=stats.review_count,
        )  # fmt: skip

    @staticmethod
    def resolve_episode_guide(title: Title) -> list[EpisodeOut]:
        episodes = sorted(title.episode_list.all(), key=lambda episode: episode.number)
        return [
            EpisodeOut(number=e.number, name=e.name, air_date=e.air_date,
                       runtime_minutes=e.runtime_minutes)
            for e in episodes
        ]  # fmt: skip


class ReviewOut(Schema):
    id: int
    url: str
    author: str
    headline: str
    body: str
    is_spoiler: bool
    episodes_seen: int
    overall: Decimal
    story: Decimal
    acting: Decimal
    music: Decimal
    rewatch: Decimal
    helpful_yes: int
    helpful_total: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_url(review: Any) -> str:
        return url_of(review)

    @staticmethod
    def resolve_author(review: Any) -> str:
        return review.user.username


class ReviewPage(Schema):
    items: list[ReviewOut]
    next: str | None


class PersonCredit(Schema):
    title: TitleRef
    kind: str
    character: str


class PersonSummary(Schema):
    id: int
    url: str
    name: str
    native_name: str

    @staticmethod
    def resolve_url(person: Any) -> str:
        return url_of(person)


class PersonDetail(PersonSummary):
    birthday: date | None
    biography: str
    credits: list[PersonCredit]


class SearchResults(Schema):
    titles: list[TitleSummary]
    people: list[PersonSummary]


class EntryOut(Schema):
    title: TitleRef
    status: str
    score: Decimal | None
    episodes_seen: int
    started_on: date | None
    finished_on: date | None
    rewatch_count: int
    updated_at: datetime


class EntryPage(Schema):
    items: list[EntryOut]
    next: str | None


class CustomListOut(Schema):
    id: int
    url: str
    name: str
    description: str
    items_count: int
    updated_at: datetime

    @staticmethod
    def resolve_url(custom_list: Any) -> str:
        return url_of(custom_list)


class CustomListPage(Schema):
    items: list[CustomListOut]
    next: str | None


class ListItemOut(Schema):
    position: int
    title: TitleRef
    note: str


class CustomListDetail(CustomListOut):
    owner: str
    entries: list[ListItemOut]
