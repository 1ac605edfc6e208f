from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from core.http import canonical_redirect, search_query
from core.metadata import not_indexed
from core.page_cache import cached_page, depends_on
from core.pagination import countless_page
from core.part_cache import Parts, lazy
from core.versions import CATALOGUE, object_version

from .history import title_history_page
from .metadata import person_meta, under_title
from .models import Credit, Episode, Person, Title
from .search import search as search_catalogue


@cached_page(depends_on(CATALOGUE))
def title_cast(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    title = get_object_or_404(Title, pk=pk)
    if response := canonical_redirect(request, slug, title):
        return response
    credits = list(title.credits.in_display_order().select_related("person"))
    groups = _group_by_kind(credits)
    page_meta = under_title(request, title, "Cast and crew")
    context = {"title": title, "groups": groups, "page_meta": page_meta}
    return render(request, "titles/title_cast.html", context)


@cached_page(depends_on(CATALOGUE), reads=("page",))
def title_episodes(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """Every episode of the title in order, a page at a time."""
    title = get_object_or_404(Title.objects.select_related("network"), pk=pk)
    here = reverse("titles:episodes", kwargs={"pk": title.pk, "slug": title.slug})
    if response := canonical_redirect(request, slug, title, here):
        return response
    episodes = Episode.objects.filter(title=title).order_by("number")
    page = countless_page(episodes, request.GET.get("page"), settings.EPISODES_PER_PAGE)
    for episode in page.object_list:
        episode.title = title
    context = {
        "title": title,
        "page": page,
        "episodes": page.object_list,
        "page_meta": under_title(request, title, "Episodes"),
    }
    return render(request, "titles/title_episodes.html", context)


@cached_page(depends_on(CATALOGUE), reads=("page",))
def title_history(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """Who changed what of the title, its names, credits and related titles, and when."""
    title = get_object_or_404(Title, pk=pk)
    here = reverse("titles:history", kwargs={"pk": title.pk, "slug": title.slug})
    if response := canonical_redirect(request, slug, title, here):
        return response
    page = title_history_page(title, request.GET.get("page"))
    page_meta = under_title(request, title, "Edit history")
    context = {"title": title, "page": page, "page_meta": page_meta}
    return render(request, "titles/title_history.html", context)


@cached_page(lambda request, pk, **kwargs: [CATALOGUE, object_version("titles.person", pk)])
def person_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    """A person and every credit of theirs. The credits and the metadata drawn from them are
    stored parts (core/part_cache.py): a member's favorite, which moves the person's version
    for the count visitors see, makes only the header again."""
    person = get_object_or_404(Person, pk=pk)
    if response := canonical_redirect(request, slug, person):
        return response
    parts = Parts(request, f"person:{person.pk}", {"credits": [CATALOGUE], "meta": [CATALOGUE]})
    credits = person.credits.in_display_order().select_related("title")
    groups = lazy(lambda: _group_by_kind(
        list(credits.order_by("kind_rank", "-title__aired_from", "title__title"))
    ))  # fmt: skip
    page_meta = parts.value("meta", lambda: person_meta(request, person, groups()))
    context = {"person": person, "groups": groups, "page_meta": page_meta}
    return parts.render(request, "titles/person_detail.html", context)


@not_indexed
@cached_page(depends_on(CATALOGUE), reads=("q",))
def search(request: HttpRequest) -> HttpResponse:
    """One search over titles and people, forgiving of case, accents, typos and scripts; a
    query asked before is answered from the cache until the catalogue changes."""
    query = search_query(request)
    results = search_catalogue(
        query, titles=settings.SEARCH_TITLES_SHOWN, people=settings.SEARCH_PEOPLE_SHOWN
    )
    context = {
        "query": query,
        "titles": [found.item for found in results.titles],
        "people": [found.item for found in results.people],
        "suggestion": results.suggested_name,
        "capped": len(results.titles) == settings.SEARCH_TITLES_SHOWN,
    }
    return render(request, "titles/search.html", context)


@cached_page(depends_on(CATALOGUE), reads=("q",), fragments=True)
def suggest(request: HttpRequest) -> HttpResponse:
    """The header's suggestions as the visitor types (htmx): a few titles and people, found
    as the search page finds them, or the closest name when nothing matches; each prefix
    typed before is answered from the cache until the catalogue changes."""
    query = search_query(request)
    context: dict[str, object] = {"query": query, "titles": [], "people": []}
    if len(query) > 1:
        results = search_catalogue(query, titles=5, people=3)
        titles = [found.item for found in results.titles]
        people = [found.item for found in results.people]
        if isinstance(results.suggestion, Title):
            titles = [results.suggestion]
        elif isinstance(results.suggestion, Person):
            people = [results.suggestion]
        context.update(titles=titles, people=people)
    return render(request, "titles/_suggestions.html", context)


def _group_by_kind(credits: list[Credit]) -> list[tuple[str, list[Credit]]]:
    groups: dict[str, list[Credit]] = {}
    for credit in credits:
        groups.setdefault(credit.get_kind_display(), []).append(credit)
    return list(groups.items())
