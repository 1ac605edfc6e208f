"""The home page: where to go next, each section a few titles and a link to its full list."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from core.page_cache import (
    CATALOGUE,
    MEMBERS,
    NEWS,
    RANKS,
    RATINGS,
    REVIEWS,
    cached_page,
    depends_on,
)
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

    The most trending title leads the page; each section then shows titles that no section
    above it showed, so each reads twice as many rows as it shows."""
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
    context = {
        "featured": featured,
        "sections": _not_repeated(sections, {featured.pk} if featured else set()),
        "reviews": reviews_selectors.latest_reviews(4),
        "articles": list(news_selectors.index()[:3]),
    }
    return render(request, "front/home.html", context)


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
