"""Reviews: write, edit, delete, vote, and the pages that list them."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.members import signed_in_member
from accounts.metadata import under_member
from accounts.models import User
from core.http import HtmxRequest, canonical_redirect, form_status, safe_next, sign_in_required
from core.metadata import filtered_by, not_indexed
from core.page_cache import cached_page
from core.pagination import countless_page, stored_count_page
from core.throttle import TOO_MANY, throttle_form, throttled, too_many_requests
from core.versions import CATALOGUE, MEMBERS, title_version
from reviews import selectors, services
from reviews.forms import ReviewForm
from reviews.models import Review
from reviews.unaired import not_aired_message
from titles.metadata import under_title
from titles.models import Title

SORTS = [("helpful", "Most helpful"), ("newest", "Newest"), ("highest", "Highest Overall"),
         ("lowest", "Lowest Overall")]  # fmt: skip


def _own_review(user: User, pk: int) -> Review:
    """The user's review `pk`; someone else's review is simply not found."""
    return get_object_or_404(Review.objects.select_related("title"), pk=pk, user=user)


@not_indexed
@sign_in_required
def review_write(request: HttpRequest, title_pk: int) -> HttpResponse:
    title = get_object_or_404(Title, pk=title_pk)
    user = signed_in_member(request)
    existing = Review.objects.filter(user=user, title=title).first()
    if existing is not None:
        messages.info(request, "You have already reviewed this title; here you can edit it.")
        return redirect("reviews:review_edit", pk=existing.pk)
    if not title.has_aired:
        context = {"title": title, "message": not_aired_message(title)}
        status = 422 if request.method == "POST" else 200
        return render(request, "reviews/review_not_aired.html", context, status=status)
    entry = selectors.entry_for(user, title)
    # Most people review what they finished; the list entry knows better when there is one.
    initial = {"episodes_seen": title.episodes or 0}
    if entry:
        initial = {"overall": entry.score, "episodes_seen": entry.episodes_seen}
    form = ReviewForm(request.POST or None, title=title, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and not throttle_form(request, form, group="review", rate=settings.REVIEW_RATE)
    ):
        try:
            review = services.review_submit(user=user, title=title, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Thank you: your review is published.")
            return redirect(review)
    status = form_status(form)
    return render(
        request, "reviews/review_form.html", {"form": form, "title": title}, status=status
    )


@not_indexed
@sign_in_required
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_member(request)
    review = _own_review(user, pk)
    form = ReviewForm(request.POST or None, instance=review, title=review.title)
    if (
        request.method == "POST"
        and form.is_valid()
        and not throttle_form(request, form, group="review", rate=settings.REVIEW_RATE)
    ):
        review = services.review_update(user=user, review=review, data=form.cleaned_data)
        messages.success(request, "Your review was updated.")
        return redirect(review)
    status = form_status(form)
    context = {"form": form, "title": review.title, "review": review}
    return render(request, "reviews/review_form.html", context, status=status)


@not_indexed
@sign_in_required
def review_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_member(request)
    review = _own_review(user, pk)
    if request.method == "POST":
        title = review.title
        services.review_delete(user=user, review=review)
        messages.success(request, "Your review was deleted. Your rating stays on your list.")
        return redirect(title)
    return render(request, "reviews/review_confirm_delete.html", {"review": review})


@sign_in_required
@require_POST
def review_vote(request: HtmxRequest, pk: int) -> HttpResponse:
    user = signed_in_member(request)
    review = get_object_or_404(Review.objects.select_related("user"), pk=pk)
    answer = request.POST.get("helpful")
    error, status = None, 200
    if answer not in ("yes", "no", "withdraw"):
        error, status = "Answer Yes or No.", 422
    elif throttled(request, group="vote", rate=settings.VOTE_RATE):
        error, status = TOO_MANY, 429
    elif answer == "withdraw":
        review = services.review_vote_withdraw(user=user, review=review)
    else:
        try:
            review = services.review_vote(user=user, review=review, helpful=answer == "yes")
        except ValidationError as exc:
            error, status = exc.messages[0], 422
    if request.htmx:
        review.my_vote = selectors.my_votes(user, [review.pk]).get(review.pk)
        context = {"review": review, "next_path": request.get_full_path(), "error": error}
        return render(request, "reviews/_helpful.html", context, status=status)
    if status == 429:
        return too_many_requests(request)
    if error:
        messages.error(request, error)
    else:
        thanks = "Your vote was taken back." if answer == "withdraw" else "Thank you for your vote."
        messages.success(request, thanks)
    return redirect(safe_next(request, review.get_absolute_url()))


@filtered_by("sort")
@cached_page(
    lambda request, pk, **kwargs: [title_version(pk), CATALOGUE, MEMBERS], reads=("sort", "page")
)
def title_reviews(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    title = get_object_or_404(Title, pk=pk)
    url = reverse("reviews:title_reviews", kwargs={"pk": title.pk, "slug": title.slug})
    if response := canonical_redirect(request, slug, title, url):
        return response
    sort = request.GET.get("sort", "helpful")
    if sort not in dict(SORTS):
        sort = "helpful"
    stats = selectors.stats_for(title)
    reviews = Review.objects.filter(title=title).visible().for_display().sorted_by(sort)
    page = stored_count_page(
        reviews,
        count=stats.review_count,
        page_number=request.GET.get("page"),
        per_page=settings.REVIEWS_PER_PAGE,
    )
    context = {
        "title": title,
        "stats": stats,
        "page": page,
        "reviews": page.object_list,
        "sort": sort,
        "sorts": SORTS,
        "page_meta": under_title(request, title, "Reviews"),
    }
    return render(request, "reviews/title_reviews.html", context)


def user_reviews(request: HttpRequest, username: str) -> HttpResponse:
    member = get_object_or_404(User, username=username, is_active=True)
    reviews = (
        Review.objects.filter(user=member).visible().for_display().order_by("-created_at", "-id")
    )
    # Nothing stores how many reviews a member wrote, and counting grows with them.
    page = countless_page(reviews, request.GET.get("page"), settings.REVIEWS_PER_PAGE)
    context = {
        "member": member,
        "page": page,
        "reviews": page.object_list,
        "page_meta": under_member(request, member, "Reviews"),
    }
    return render(request, "reviews/user_reviews.html", context)
