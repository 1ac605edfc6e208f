"""The home page: where to go next, each section a few titles and a link to its full list."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from core.page_cache import cached_page, depends_on
from core.part_cache import Parts, lazy
from core.versions import CATALOGUE, MEMBERS, NEWS, RANKS, RATINGS, REVIEWS
from news import selectors as news_selectors
from reviews import selectors as reviews_selectors
from titles.models import Title

SHOWN = 6


@dataclass
class Section:
    heading: str
    more_url: str
    titles: list[Title] = field(default_factory=list)
    rank: str = ""


@cached_page(depends_on(CATALOGUE, RATINGS, RANKS, REVIEWS, NEWS, MEMBERS))
def home(request: HttpRequest) -> HttpResponse:
    """Seven queries whatever the catalogue's size: each section reads a few rows by index.

    Three stored parts (core/part_cache.py): the titles, made again after a rating or a
    catalogue edit; the latest reviews, after a review; the news, after an article."""
    parts = Parts(
        request,
        "home",
        {
            "titles": [CATALOGUE, RATINGS, RANKS],
            "reviews": [CATALOGUE, REVIEWS, MEMBERS],
            "news": [NEWS],
        },
    )
    shown = lazy(_sections)
    context = {
        "featured": lazy(lambda: shown()[0]),
        "sections": lazy(lambda: shown()[1]),
        "reviews": lazy(lambda: reviews_selectors.latest_reviews(4)),
        "articles": lazy(lambda: list(news_selectors.index()[:3])),
    }
    return parts.render(request, "front/home.html", context)


def _sections() -> tuple[Title | None, list[Section]]:
    """The most trending title, which leads the page, and the sections below it: each shows
    titles that no section above it showed, so each reads twice as many rows as it shows."""
    read = 2 * SHOWN
    sections = [
        Section("Trending this week", reverse("front:popular"),
                reviews_selectors.trending(read + 1), "popularity"),
        Section("Airing now", reverse("front:airing"), list(
            reviews_selectors.most_watched_first(Title.objects.airing())[:read])),
        Section("Top rated", reverse("front:top"), list(
            reviews_selectors.ranked(Title.objects.all(), "score")
            .filter(stats__ratings_count__gte=settings.TOP_MIN_RATINGS)[:read]), "score"),
        Section("Recently added", f"{reverse('front:browse')}?sort=added", list(
            Title.objects.select_related("stats").order_by("-created_at", "-id")[:read])),
    ]  # fmt: skip
    featured = sections[0].titles[0] if sections[0].titles else None
    return featured, _not_repeated(sections, {featured.pk} if featured else set())


def _not_repeated(sections: list[Section], shown: set[int]) -> list[Section]:
    """Each section with the titles no section above it showed; one whose titles were all
    shown above is left out (an empty one stays, to say so)."""
    kept = []
    for section in sections:
        fresh = [title for title in section.titles if title.pk not in shown][:SHOWN]
        if fresh or not section.titles:
            section.titles = fresh
            kept.append(section)
        shown.update(title.pk for title in fresh)
    return kept
