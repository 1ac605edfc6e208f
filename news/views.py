from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from core.http import canonical_redirect, parse_id
from core.metadata import filtered_by
from core.page_cache import cached_page, depends_on
from core.pagination import countless_page
from core.versions import CATALOGUE, NEWS, object_version
from titles.models import Title

from . import selectors
from .metadata import article_meta


@filtered_by("title")
@cached_page(depends_on(NEWS, CATALOGUE), reads=("title", "page"))
def news_index(request: HttpRequest) -> HttpResponse:
    """All published articles, newest first; `?title=<id>` keeps those about one title."""
    title = None
    if "title" in request.GET:
        title_id = parse_id(request.GET["title"])
        if title_id is None:
            raise Http404("No such title.")
        title = get_object_or_404(Title, pk=title_id)
    page = countless_page(
        selectors.index(title=title), request.GET.get("page"), settings.NEWS_PER_PAGE
    )
    context = {"title": title, "page": page, "articles": page.object_list}
    return render(request, "news/index.html", context)


@cached_page(lambda request, pk, **kwargs: [object_version("news.article", pk), NEWS, CATALOGUE])
def article_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    article = selectors.article_for_page(pk, request.user)
    if article is None:
        raise Http404("No such article.")
    if response := canonical_redirect(request, slug, article):
        return response
    titles = selectors.titles_of(article)
    page_meta = article_meta(request, article, titles)
    context = {"article": article, "titles": titles, "page_meta": page_meta}
    return render(request, "news/article_detail.html", context)
