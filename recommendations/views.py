from typing import Protocol

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.members import signed_in_member
from accounts.models import User
from core.http import HtmxRequest, form_status, parse_id, safe_next, search_query, sign_in_required
from core.metadata import not_indexed
from core.moderation import can_moderate
from core.throttle import TOO_MANY, throttle_form, throttled, too_many_requests
from titles.metadata import under_title
from titles.models import Title

from . import selectors, services
from .forms import RecommendationForm
from .models import REASON_MIN_LENGTH, Recommendation


class VoteService(Protocol):
    """`services.recommendation_vote` or `_unvote`: a Protocol, as they take keywords only."""

    def __call__(self, *, user: User, recommendation: Recommendation) -> Recommendation: ...


def title_recommendations(request: HttpRequest, title_pk: int) -> HttpResponse:
    """ "More recs": all of a title's recommendations, best first, a page at a time."""
    title = get_object_or_404(Title, pk=title_pk)
    page = selectors.page_for_title(title, request.GET.get("page"))
    cards = list(page.object_list)
    page_meta = under_title(request, title, "Recommendations")
    context = {"title": title, "page": page, "cards": cards, "page_meta": page_meta}
    return render(request, "recommendations/title_list.html", context)


@not_indexed
@sign_in_required
def recommendation_new(request: HttpRequest, title_pk: int) -> HttpResponse:
    """ "Make a Recommendation": search for the other title, pick it, give a reason.

    Without JavaScript the search box reloads this page with the matches as choices; with
    htmx, `title_search` fills them in as the user types.
    """
    user = signed_in_member(request)
    title = get_object_or_404(Title, pk=title_pk)
    query = search_query(request)
    form = RecommendationForm(request.POST or None)
    selected = _preselected(request, title)
    if request.method == "POST" and form.is_valid():
        # Kept before the service runs: a refusal removes the field from cleaned_data.
        other: Title = form.cleaned_data["other"]
        selected = other
    if (
        request.method == "POST"
        and form.is_valid()
        and not throttle_form(
            request, form, group="recommendation", rate=settings.RECOMMENDATION_RATE
        )
    ):
        try:
            recommendation = services.recommendation_add(
                user=user, title=title, other=other, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Thank you: you recommended {other.title} for {title.title}."
            )
            return redirect(recommendation)
    if selected is not None and selected.pk == title.pk:
        selected = None
    choices = (
        selectors.title_choices(
            query, exclude_id=title.pk, limit=settings.RECOMMENDATION_SEARCH_RESULTS
        )
        if query
        else []
    )
    context = {
        "title": title,
        "form": form,
        "query": query,
        "choices": _with_selected(choices, selected),
        "selected_id": selected.pk if selected else None,
        "min_length": REASON_MIN_LENGTH,
    }
    status = form_status(form)
    return render(request, "recommendations/recommendation_form.html", context, status=status)


def _preselected(request: HttpRequest, title: Title) -> Title | None:
    """`?other=` from "Add your reason" on a recommendation's page."""
    other_id = parse_id(request.GET.get("other"))
    if other_id is None:
        return None
    return Title.objects.exclude(pk=title.pk).filter(pk=other_id).first()


def _with_selected(choices: list[Title], selected: Title | None) -> list[Title]:
    if selected is None:
        return choices
    return [selected, *[t for t in choices if t.pk != selected.pk]]


def title_search(request: HttpRequest) -> HttpResponse:
    """The htmx fragment of title choices for the recommendation form, as the user types."""
    query = search_query(request)
    # The title being recommended for is never offered as its own recommendation.
    exclude_id = parse_id(request.GET.get("for"))
    selected = None
    if (other_id := parse_id(request.GET.get("other"))) is not None:
        selected = Title.objects.filter(pk=other_id).first()
    choices = (
        selectors.title_choices(
            query, exclude_id=exclude_id, limit=settings.RECOMMENDATION_SEARCH_RESULTS
        )
        if query
        else []
    )
    context = {
        "choices": _with_selected(choices, selected),
        "selected_id": selected.pk if selected else None,
        "query": query,
    }
    return render(request, "recommendations/_title_choices.html", context)


def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One recommendation: both titles and every user's reason, oldest first.

    A hidden reason shows as such, with its why to its author and its text to moderators.
    """
    recommendation = selectors.recommendation_for_page(pk)
    if recommendation is None:
        raise Http404("No such recommendation.")
    page = selectors.reasons_page(recommendation, request.GET.get("page"))
    reasons = list(page.object_list)
    # Asked only when the page shows a hidden reason: moderators read its text.
    moderates = any(r.is_hidden for r in reasons) and can_moderate(
        request.user, services.MODERATE_PERMISSION
    )
    voted, yours = selectors.vote_states(request.user, [pk]).get(pk, (False, False))
    context = {
        "recommendation": recommendation,
        "pair": [recommendation.title_low, recommendation.title_high],
        "page": page,
        "reasons": reasons,
        "moderates": moderates,
        "voted": voted,
        "yours": yours,
        "next_path": request.get_full_path(),
    }
    return render(request, "recommendations/recommendation_detail.html", context)


def _next_url(request: HttpRequest, recommendation: Recommendation) -> str:
    return safe_next(request, recommendation.get_absolute_url())


SIGN_IN_TO_VOTE = "Sign in to vote for recommendations; your vote was not counted."


@require_POST
@sign_in_required(message=SIGN_IN_TO_VOTE)
def recommendation_vote(request: HtmxRequest, pk: int) -> HttpResponse:
    return _vote(request, pk, services.recommendation_vote, voted=True)


@require_POST
@sign_in_required(message=SIGN_IN_TO_VOTE)
def recommendation_unvote(request: HtmxRequest, pk: int) -> HttpResponse:
    return _vote(request, pk, services.recommendation_unvote, voted=False)


def _vote(request: HtmxRequest, pk: int, service: VoteService, *, voted: bool) -> HttpResponse:
    """Vote or take the vote back: the button in place with htmx, else back to the page."""
    recommendation = get_object_or_404(Recommendation, pk=pk)
    error: str | None = None
    status, yours = 200, False
    if throttled(request, group="vote", rate=settings.VOTE_RATE):
        error, status, voted = TOO_MANY, 429, not voted
    else:
        try:
            recommendation = service(user=signed_in_member(request), recommendation=recommendation)
        except ValidationError as refused:
            # The only refusal: a vote for a pair the user recommended.
            error, status, voted, yours = refused.messages[0], 422, False, True
    if request.htmx:
        context = {
            "recommendation": recommendation,
            "voted": voted,
            "yours": yours,
            "next_path": _next_url(request, recommendation),
            "error": error,
        }
        return render(request, "recommendations/_vote.html", context, status=status)
    if status == 429:
        return too_many_requests(request)
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request, "Thank you for your vote." if voted else "Your vote was taken back."
        )
    return redirect(_next_url(request, recommendation))
