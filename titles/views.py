from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from core.http import canonical_redirect, search_query

from .models import Credit, Person, Title


def title_cast(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    title = get_object_or_404(Title, pk=pk)
    if response := canonical_redirect(request, slug, title):
        return response
    credits = list(title.credits.in_display_order().select_related("person"))
    groups = _group_by_kind(credits)
    return render(request, "titles/title_cast.html", {"title": title, "groups": groups})


def person_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    if response := canonical_redirect(request, slug, person):
        return response
    credits = list(
        person.credits.in_display_order()
        .select_related("title")
        .order_by("kind_rank", "-title__aired_from", "title__title")
    )
    return render(
        request, "titles/person_detail.html", {"person": person, "groups": _group_by_kind(credits)}
    )


def search(request: HttpRequest) -> HttpResponse:
    query = search_query(request)
    titles = Title.objects.search(query).select_related("network")
    page = Paginator(titles, settings.TITLES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"query": query, "page": page, "titles": list(page.object_list)}
    return render(request, "titles/search.html", context)


def _group_by_kind(credits: list[Credit]) -> list[tuple[str, list[Credit]]]:
    groups: dict[str, list[Credit]] = {}
    for credit in credits:
        groups.setdefault(credit.get_kind_display(), []).append(credit)
    return list(groups.items())
