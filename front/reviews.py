"""A review's own page: the review, and the comments on it (as on MyDramaList)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from comments import selectors as comment_selectors
from core.moderation import can_moderate
from core.page_cache import cached_page
from core.versions import CATALOGUE, COMMENTS, MEMBERS, REVIEWS, object_version
from reviews import services as review_services
from reviews.metadata import review_meta
from reviews.models import Review


@cached_page(
    lambda request, pk, **kwargs: [
        object_version("reviews.review", pk),
        REVIEWS,
        COMMENTS,
        CATALOGUE,
        MEMBERS,
    ],
    reads=("cpage",),
)
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review.objects.for_display(), pk=pk)
    if not review.is_visible:
        # Not as `review`, and no `page_meta`: the page's description and structured data
        # would quote its text. Moderators get a page of their own (core/page_cache.py).
        context = {
            "hidden_review": review,
            "title": review.title,
            "show_hidden_text": can_moderate(request.user, review_services.MODERATE_PERMISSION),
        }
        return render(request, "front/review_detail.html", context)
    context = {
        "review": review,
        "title": review.title,
        "page_meta": review_meta(request, review),
        "comments": comment_selectors.comment_section(
            target=review, viewer=request.user, page_number=request.GET.get("cpage")
        ),
    }
    return render(request, "front/review_detail.html", context)
