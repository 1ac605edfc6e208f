"""People, and the search over titles and people."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field

from titles import search as titles_search
from titles.models import Credit, Person, Title

from ..schemas import PersonDetail, SearchResults

router = Router(tags=["people and search"])

SEARCH_TITLES = 20
SEARCH_PEOPLE = 10


@router.get("/people/{person_id}", response=PersonDetail, summary="A person and their credits")
def person(request: HttpRequest, person_id: int) -> dict:
    credits = Credit.objects.select_related("title").order_by("-title__year", "title_id", "kind")
    found = get_object_or_404(
        Person.objects.prefetch_related(Prefetch("credits", credits)), pk=person_id
    )
    return {
        "id": found.pk,
        "url": found.get_absolute_url(),
        "name": found.name,
        "native_name": found.native_name,
        "birthday": found.birthday,
        "biography": found.biography,
        "credits": [
            {"title": credit.title, "kind": credit.kind, "character": credit.character_name}
            for credit in found.credits.all()
        ],
    }


class SearchQuery(Schema):
    q: str = Field(..., min_length=1, max_length=200, description="Any name, in any script")


@router.get("/search", response=SearchResults, summary="Titles and people matching a name")
def search(request: HttpRequest, query: Query[SearchQuery]) -> dict:
    found = titles_search.search(query.q, titles=SEARCH_TITLES, people=SEARCH_PEOPLE,
                                 suggest=False)  # fmt: skip
    titles = [hit.item.pk for hit in found.titles]
    with_stats = Title.objects.select_related("stats").in_bulk(titles)
    return {
        "titles": [with_stats[pk] for pk in titles if pk in with_stats],
        "people": [hit.item for hit in found.people],
    }
