from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from comments.selectors import comment_section
from dramadb.pagination import countless_page
from news import selectors as news_selectors
from recommendations import selectors as recommendation_selectors
from reviews import selectors as reviews_selectors
from reviews.forms import QuickEntryForm

from .models import Credit, Person, Title


def _canonical(request: HttpRequest, obj, slug: str | None) -> HttpResponse | None:
    """Redirect old or missing slugs to the object's current address."""
    if slug == obj.slug:
        return None
    url = obj.get_absolute_url()
    if query := request.META.get("QUERY_STRING"):
        url = f"{url}?{query}"
    return redirect(url, permanent=True)


def home(request: HttpRequest) -> HttpResponse:
    titles = Title.objects.select_related("network").newest_first()
    page = countless_page(titles, request.GET.get("page"), settings.TITLES_PER_PAGE)
    return render(request, "titles/home.html", {"page": page, "titles": page.object_list})


def title_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    title = get_object_or_404(Title.objects.for_page().with_credit_count(), pk=pk)
    if response := _canonical(request, title, slug):
        return response
    cast_preview = list(
        Credit.objects.filter(title=title)
        .cast()
        .in_display_order()
        .select_related("person")[: settings.CAST_PREVIEW_SIZE]
    )
    your_entry = reviews_selectors.entry_for(request.user, title)
    stats = reviews_selectors.stats_for(title)
    top_reviews = reviews_selectors.with_my_votes(
        request.user, reviews_selectors.top_reviews(title, settings.REVIEWS_ON_TITLE_PAGE)
    )
    context = {
        "title": title,
        "cast_preview": cast_preview,
        "can_edit_cast": request.user.has_perm("titles.add_credit"),
        "stats": stats,
        "your_entry": your_entry,
        "rate_form": QuickEntryForm(instance=your_entry),
        "recent_watchers": reviews_selectors.recently_watched_by(
            title, settings.RECENT_WATCHERS_SHOWN
        ),
        "top_reviews": top_reviews,
        "more_reviews": max(stats.review_count - len(top_reviews), 0),
        "own_review": reviews_selectors.own_review(request.user, title),
        "comments": comment_section(
            target=title, viewer=request.user, page_number=request.GET.get("cpage")
        ),
        "news_articles": news_selectors.latest_for_title(title, settings.NEWS_ON_TITLE_PAGE),
        "recs": recommendation_selectors.title_section(title, request.user),
    }
    return render(request, "titles/title_detail.html", context)


def title_cast(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    title = get_object_or_404(Title, pk=pk)
    if response := _canonical(request, title, slug):
        return response
    credits = list(title.credits.in_display_order().select_related("person"))
    groups = _group_by_kind(credits)
    return render(request, "titles/title_cast.html", {"title": title, "groups": groups})


def person_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    if response := _canonical(request, person, slug):
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
    query = request.GET.get("q", "").strip()[:100]
    titles = Title.objects.search(query).select_related("network")
    page = Paginator(titles, settings.TITLES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"query": query, "page": page, "titles": list(page.object_list)}
    return render(request, "titles/search.html", context)


def _group_by_kind(credits: list[Credit]) -> list[tuple[str, list[Credit]]]:
    groups: dict[str, list[Credit]] = {}
    for credit in credits:
        groups.setdefault(credit.get_kind_display(), []).append(credit)
    return list(groups.items())
