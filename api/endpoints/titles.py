"""Titles: the catalogue with the browse page's filters and sorts, one title whole, its reviews."""

from __future__ import annotations

from typing import Literal

from django.db.models import F, Prefetch
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from front.browse import browse
from reviews.models import Review
from titles.models import AlternativeTitle, Credit, Genre, Tag, Title, best_date

from ..cursors import Order, paged, read_date, read_float, read_int, read_moment, read_text
from ..schemas import ReviewPage, TitleDetail, TitlePage

router = Router(tags=["titles"])

PAGE_SIZE = 20
PAGE_SIZE_MAX = 100
# The browse page's sorts, each as a keyset order (api.cursors).
TITLE_ORDERS = {
    "newest": Order(best_date(), descending=True, read=read_date, nulls=True),
    "score": Order(F("stats__rank"), descending=False, read=read_int),
    "popularity": Order(F("stats__popularity"), descending=False, read=read_int),
    "added": Order(F("created_at"), descending=True, read=read_moment),
    "title": Order(Lower("title"), descending=False, read=read_text),
}
CREDITS = Credit.objects.select_related("person").order_by("kind", "order", "id")
REVIEW_ORDERS = {
    "helpful": Order(F("helpful_lower_bound"), descending=True, read=read_float),
    "newest": Order(F("created_at"), descending=True, read=read_moment),
}


class Paging(Schema):
    cursor: str = Field(
        "", description="The next cursor of the page before; empty for the first page"
    )
    limit: int = Field(PAGE_SIZE, ge=1, le=PAGE_SIZE_MAX)


class TitleFilters(Paging):
    country: str = Field("", description="ISO 3166 code: JP, KR, CN, TW, TH…")
    type: Literal["", "drama", "movie", "tv_show", "special"] = ""
    genre: str = Field("", description="A genre's slug")
    tag: str = Field("", description="A tag's slug")
    network: int | None = None
    year_from: int | None = Field(None, ge=1900, le=2100)
    year_to: int | None = Field(None, ge=1900, le=2100)
    status: Literal["", "airing", "upcoming", "finished"] = ""
    sort: Literal["newest", "score", "popularity", "added", "title"] = "newest"


@router.get("/titles", response=TitlePage, summary="Titles, filtered and sorted as on /titles/")
def titles(request: HttpRequest, filters: Query[TitleFilters]) -> dict:
    form, found, _, sort = browse(request.GET)
    if form.errors:
        # Named, not quoted: the value sent is never echoed back.
        wrong = ", ".join(sorted(form.errors))
        raise HttpError(422, f"Some filters are not understood: {wrong}.")
    return paged(found.order_by(), TITLE_ORDERS[sort], filters.cursor, filters.limit)


@router.get(
    "/titles/{title_id}",
    response=TitleDetail,
    summary="A title with its cast, statistics and episodes",
)
def title(request: HttpRequest, title_id: int) -> Title:
    titles = Title.objects.select_related("stats", "network").prefetch_related(
        Prefetch("alternative_titles", AlternativeTitle.objects.only("title_id", "name")),
        Prefetch("genres", Genre.objects.only("slug")),
        Prefetch("tags", Tag.objects.only("slug")),
        Prefetch("credits", CREDITS),
        "episode_list",
    )
    return get_object_or_404(titles, pk=title_id)


class ReviewPaging(Paging):
    sort: Literal["helpful", "newest"] = "helpful"


@router.get("/titles/{title_id}/reviews", response=ReviewPage, summary="A title's reviews")
def title_reviews(request: HttpRequest, title_id: int, paging: Query[ReviewPaging]) -> dict:
    get_object_or_404(Title.objects.only("id"), pk=title_id)
    reviews = Review.objects.visible().filter(title_id=title_id).select_related("user")
    return paged(reviews, REVIEW_ORDERS[paging.sort], paging.cursor, paging.limit)
