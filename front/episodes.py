"""An episode's own page: the episode, and its discussion, folded for those not there yet."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from comments import selectors as comment_selectors
from core.page_cache import cached_page
from core.versions import CATALOGUE, COMMENTS, MEMBERS, title_version
from titles.metadata import under_title
from titles.models import Episode


@cached_page(
    lambda request, pk, number, **kwargs: [title_version(pk), COMMENTS, CATALOGUE, MEMBERS],
    reads=("cpage",),
)
def episode_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    episode = get_object_or_404(Episode.objects.select_related("title"), title_id=pk, number=number)
    title = episode.title
    neighbours = Episode.objects.filter(title=title, number__in=[number - 1, number + 1])
    numbers = set(neighbours.values_list("number", flat=True))
    context = {
        "title": title,
        "episode": episode,
        "previous": number - 1 if number - 1 in numbers else None,
        "next": number + 1 if number + 1 in numbers else None,
        "comments": comment_selectors.comment_section(
            target=episode, viewer=request.user, page_number=request.GET.get("cpage")
        ),
        "page_meta": under_title(request, title, str(episode)),
    }
    return render(request, "front/episode_detail.html", context)
