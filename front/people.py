"""/people/: find a person by name, in either order or in their own script."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.http import search_query
from core.metadata import filtered_by
from core.page_cache import cached_page, depends_on
from core.pagination import countless_page
from core.versions import CATALOGUE
from reviews import selectors as reviews_selectors
from titles.models import Person
from titles.search import find_people

BEST_KNOWN = 3


@filtered_by("q")
@cached_page(depends_on(CATALOGUE), reads=("q", "page"))
def people(request: HttpRequest) -> HttpResponse:
    """Matches for `q`, or everyone by name a page at a time, each with their best-known
    titles: three queries whatever the number of people."""
    query = search_query(request)
    page = None
    if query:
        found = [match.item for match in find_people(query, settings.PEOPLE_PER_PAGE)]
    else:
        page = countless_page(
            Person.objects.order_by("name", "id"), request.GET.get("page"),
            settings.PEOPLE_PER_PAGE,
        )  # fmt: skip
        found = page.object_list
    known = reviews_selectors.best_known_titles([p.pk for p in found], BEST_KNOWN)
    cards = [(person, known.get(person.pk, [])) for person in found]
    return render(request, "front/people.html", {"query": query, "cards": cards, "page": page})
