"""Pages that gather parts of several apps: home, the title page, profiles and help.

Each part comes from its app's selectors, called here, so every query a page makes is visible
in its view; a value wrapped in `lazy` is read when a part that shows it is first rendered
(core/part_cache.py), never by a template on its own.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from comments import selectors as comment_selectors
from core.http import canonical_redirect
from core.metadata import filtered_by
from core.page_cache import cached_page, depends_on
from core.pagination import countless_page
from core.part_cache import Parts, lazy
from core.versions import CATALOGUE, MEMBERS, NEWS, RANKS, RATINGS, SIMILAR, title_version
from lists import selectors as lists_selectors
from news import selectors as news_selectors
from recommendations import selectors as recommendation_selectors
from recommendations.models import REASON_MIN_LENGTH
from reviews import selectors as reviews_selectors
from reviews.models import scores_to_be_ranked
from social import selectors as social_selectors
from titles.models import Episode, Title, page_credits, related_of

from .browse import RANKINGS, BrowseForm, RankingForm, browse, filters_understood
from .page_meta import profile_meta, title_meta, title_scores, with_scores

# A profile shows a shelf of the latest posters of each status and the newest reviews.
PROFILE_ENTRIES_PER_STATUS = 6
PROFILE_REVIEWS = 3
# A member's "top four" titles lead their profile, with their favorite people beside them.
PROFILE_FAVORITE_TITLES = 4
PROFILE_FAVORITE_PEOPLE = 6
# Its own lists of titles, the latest changed first; a title page names a few that hold it.
PROFILE_LISTS = 6
LISTS_ON_TITLE_PAGE = 5
# Its statistics name the leading countries, genres and years.
PROFILE_LEADING = 5
# Lists of titles show names, posters, scores and ranks.
LISTS = depends_on(CATALOGUE, RATINGS, RANKS)


@cached_page(
    lambda request, pk, **kwargs: [title_version(pk), CATALOGUE, NEWS, RANKS, SIMILAR, MEMBERS],
    reads=("cpage",),
)
def title_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    # The title's own row is catalogue, whose version the page's key read before this.
    title = get_object_or_404(Title.objects.all(), pk=pk)
    if response := canonical_redirect(request, slug, title):
        return response
    # The parts' versions are read before anything they show (core/versions.py), and each
    # value after them, only if a part that shows it is rendered; the title's names, genres,
    # tags and network only with its overview or metadata.
    parts = title_parts(request, title.pk, cpage=request.GET.get("cpage", ""))
    about = lazy(lambda: Title.objects.for_page().get(pk=title.pk))
    stats = lazy(lambda: reviews_selectors.stats_for(title))
    credits = lazy(lambda: page_credits(title, settings.CAST_PREVIEW_SIZE))
    top_reviews = lazy(lambda: reviews_selectors.top_reviews(title, settings.REVIEWS_ON_TITLE_PAGE))

    # The title's metadata, and apart its score and reviews: a rating reads neither the title's
    # names nor its credits again.
    meta = with_scores(
        parts.value("meta", lambda: title_meta(request, about(), credits=credits())),
        parts.value("scores", lambda: title_scores(request, stats(), top_reviews())),
    )

    context = {
        "title": title,
        "about": about,
        "favorites_count": lazy(lambda: lists_selectors.title_favorite_count(title)),
        "credits": credits,
        "related": lazy(lambda: related_of(title)),
        "episodes": lazy(lambda: Episode.objects.guide(title, timezone.localdate())),
        "lists_with": lazy(lambda: lists_selectors.lists_with(title, LISTS_ON_TITLE_PAGE)),
        "stats": stats,
        "recent_watchers": lazy(
            lambda: reviews_selectors.recently_watched_by(title, settings.RECENT_WATCHERS_SHOWN)
        ),
        "top_reviews": top_reviews,
        "more_reviews": lazy(lambda: max(stats().review_count - len(top_reviews()), 0)),
        "comments": lazy(
            lambda: comment_selectors.comment_section(
                target=title, viewer=request.user, page_number=request.GET.get("cpage")
            )
        ),
        "news_articles": lazy(
            lambda: news_selectors.latest_for_title(title, settings.NEWS_ON_TITLE_PAGE)
        ),
        "recs": lazy(lambda: recommendation_selectors.title_section(title)),
        "page_meta": meta,
    }
    return parts.render(request, "front/title_detail.html", context)


def title_parts(request: HttpRequest, title_id: int, *, cpage: str) -> Parts:
    """The stored parts of a title's page, each with the versions of what it shows: a comment
    makes only the comments again, a rating the score, statistics and watchers."""

    def own(aspect: str) -> str:
        return title_version(title_id, aspect)

    return Parts(
        request,
        f"title:{title_id}",
        {
            "meta": [CATALOGUE],
            "scores": [CATALOGUE, own("ratings"), own("reviews"), MEMBERS],
            "header": [CATALOGUE, RANKS, own("ratings"), own("favorites")],
            "overview": [CATALOGUE],
            "cast": [CATALOGUE],
            "news": [NEWS],
            "reviews": [CATALOGUE, own("reviews"), MEMBERS],
            "recommendations": [CATALOGUE, SIMILAR, own("recommendations"), MEMBERS],
            "watchers": [RANKS, own("ratings"), MEMBERS],
            "lists": [CATALOGUE, own("lists"), MEMBERS],
            # The comment form offers the title's episodes.
            "comments": [CATALOGUE, own("comments"), MEMBERS],
        },
        vary={"comments": cpage},
        fragments={"thread": [MEMBERS]},
    )


def profile(request: HttpRequest, username: str) -> HttpResponse:
    member = get_object_or_404(get_user_model(), username=username, is_active=True)
    standing = social_selectors.standing(member, request.user)
    if standing.blocks_viewer:
        # A member who blocks the viewer shares no activity with them: only who they are.
        context = {
            "member": member,
            "standing": standing,
            "page_meta": profile_meta(request, member),
        }
        return render(request, "front/profile.html", context)
    statistics = reviews_selectors.member_statistics(member, PROFILE_LEADING)
    list_groups = reviews_selectors.list_summary(
        member, PROFILE_ENTRIES_PER_STATUS, viewer=request.user, stats=statistics.stats
    )
    context = {
        "member": member,
        "list_groups": list_groups,
        "listed": sum(total for _, _, total, _ in list_groups),
        "reviews": reviews_selectors.latest_reviews_by(member, PROFILE_REVIEWS),
        "statistics": statistics,
        "favorite_titles": lists_selectors.favorite_titles(member, PROFILE_FAVORITE_TITLES),
        "favorite_people": lists_selectors.favorite_people(member, PROFILE_FAVORITE_PEOPLE),
        "lists": lists_selectors.lists_of(member, request.user, PROFILE_LISTS),
        "standing": standing,
        "page_meta": profile_meta(request, member),
    }
    return render(request, "front/profile.html", context)


def help_ratings(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "front/help_ratings.html",
        {"m": settings.RATING_WEIGHT_MIN_VOTES, "ranked_from": scores_to_be_ranked()},
    )


def help_recommendations(request: HttpRequest) -> HttpResponse:
    context = {
        "min_length": REASON_MIN_LENGTH,
        "shown": settings.RECOMMENDATIONS_ON_TITLE_PAGE,
        "liked_score": settings.SIMILAR_LIKED_SCORE,
        "likes_per_user": settings.SIMILAR_LIKES_PER_USER,
        "min_co_likers": settings.SIMILAR_MIN_CO_LIKERS,
        "kept": settings.SIMILAR_TITLES_KEPT,
        "shown_below": settings.SIMILAR_SHOWN_BELOW_RECOMMENDATIONS,
    }
    return render(request, "front/help_recommendations.html", context)


@filtered_by(*BrowseForm.base_fields)
@filters_understood(BrowseForm)
@cached_page(LISTS, reads=(*BrowseForm.base_fields, "page"))
def browse_titles(request: HttpRequest) -> HttpResponse:
    """/titles/: every filter at once, as a plain GET form; a page never counts the list."""
    form, titles, active, sort = browse(request.GET)
    page = countless_page(titles, request.GET.get("page"), settings.TITLES_PER_PAGE)
    context = {"heading": "Browse titles", "form": form, "active": active, "page": page,
               "titles": page.object_list, "rank": sort}  # fmt: skip
    return render(request, "front/browse.html", context)


@filtered_by(*RankingForm.base_fields)
@filters_understood(RankingForm)
@cached_page(LISTS, reads=(*RankingForm.base_fields, "page"))
def ranking(request: HttpRequest, by: str) -> HttpResponse:
    """/top/ and /popular/: the stored Ranked and Popularity, filterable by country and type."""
    params = request.GET.copy()
    params["sort"] = by
    # Only ranked titles are listed: those with enough scores (reviews.stats.rankings_refresh).
    _, titles, active, _ = browse(params)
    page = countless_page(titles, request.GET.get("page"), settings.TITLES_PER_PAGE)
    heading, intro = RANKINGS[by]
    context = {"heading": heading, "intro": intro.format(n=settings.TOP_MIN_RATINGS),
               "form": RankingForm(request.GET), "active": active, "page": page,
               "titles": page.object_list, "rank": by}  # fmt: skip
    return render(request, "front/browse.html", context)


@cached_page(LISTS, reads=("page",))
def on_the_air(request: HttpRequest, status: str) -> HttpResponse:
    """/airing/ (most popular first) and /upcoming/ (soonest first)."""
    on_air = Title.objects.select_related("network", "stats").with_status(status)
    titles: QuerySet[Title] = (
        reviews_selectors.most_watched_first(on_air)
        if status == Title.Status.AIRING
        else on_air.order_by(F("aired_from").asc(nulls_last=True), "id")
    )
    page = countless_page(titles, request.GET.get("page"), settings.TITLES_PER_PAGE)
    heading = "Airing now" if status == Title.Status.AIRING else "Upcoming"
    context = {"heading": heading, "page": page, "titles": page.object_list, "form": None,
               "rank": "popularity"}  # fmt: skip
    return render(request, "front/browse.html", context)


def browse_alias(request: HttpRequest, field: str, value: str) -> HttpResponse:
    """Readable addresses (/genres/romance/) lead to the browse page with that filter."""
    return redirect(f"{reverse('front:browse')}?{urlencode({field: value})}")
