"""The sitemaps: /sitemap.xml is an index of one sitemap per section, each split into files of
Sitemap.limit (50,000) addresses.

Whatever the catalogue's size, a sitemap file costs two queries (the section's count for the
paginator, then one page of rows with only the columns their addresses need) and the index two
per section (the count and the latest change).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Model, QuerySet
from django.urls import reverse

from news.models import Article
from reviews.models import Review
from titles.models import Person, Title


class ModelSitemap(Sitemap):
    """Rows of one model in id order (stable pages), with their `updated_at` as lastmod."""

    columns: tuple[str, ...] = ("id", "updated_at")

    def queryset(self) -> QuerySet[Any]:
        raise NotImplementedError

    def items(self) -> QuerySet[Any]:
        return self.queryset().only(*self.columns).order_by("id")

    def lastmod(self, item: Any) -> datetime:
        return item.updated_at

    def get_latest_lastmod(self) -> datetime | None:
        # The base class would read every row to find this; the database knows it in one go.
        latest: datetime | None = self.queryset().aggregate(latest=Max("updated_at"))["latest"]
        return latest


class TitleSitemap(ModelSitemap):
    columns = ("id", "slug", "updated_at")

    def queryset(self) -> QuerySet[Title]:
        return Title.objects.all()


class PersonSitemap(ModelSitemap):
    columns = ("id", "slug", "updated_at")

    def queryset(self) -> QuerySet[Person]:
        return Person.objects.all()


class ArticleSitemap(ModelSitemap):
    columns = ("id", "slug", "updated_at")

    def queryset(self) -> QuerySet[Article]:
        return Article.objects.published()


class ReviewSitemap(ModelSitemap):
    def queryset(self) -> QuerySet[Review]:
        return Review.objects.visible()


class PageSitemap(Sitemap):
    """The lists and help pages that stand on their own."""

    names = [
        "front:home",
        "front:browse",
        "front:top",
        "front:popular",
        "front:airing",
        "front:upcoming",
        "front:people",
        "news:index",
        "front:help_ratings",
        "front:help_recommendations",
    ]

    def items(self) -> list[str]:
        return self.names

    def location(self, item: Model | str) -> str:
        return reverse(str(item))


SITEMAPS: dict[str, Sitemap | type[Sitemap]] = {
    "pages": PageSitemap(),
    "titles": TitleSitemap(),
    "people": PersonSitemap(),
    "articles": ArticleSitemap(),
    "reviews": ReviewSitemap(),
}
