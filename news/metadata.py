"""The metadata of an article's page (core.metadata): its card, dates and schema.org data."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse

from accounts.metadata import member_ref
from core import structured_data as sd
from core.links import page_link
from core.metadata import PageMeta, breadcrumbs, summary, upload
from titles.metadata import work_ref
from titles.models import Title

from .models import Article

LOGO = "img/icon-512.png"


def article_meta(request: HttpRequest, article: Article, titles: Iterable[Title]) -> PageMeta:
    """An article shares with its own image and dates, published by the site."""
    meta = PageMeta(og_type="article", title=article.headline, description=summary(article.blurb))
    if image := upload(request, article.image, article.image_alt or article.headline):
        meta.image = image
    meta.dated(article.published_at, max(article.updated_at, article.published_at))
    absolute = request.build_absolute_uri
    publisher = sd.organization(
        settings.SITE_NAME, absolute(page_link("home")), absolute(static(LOGO))
    )
    meta.data = [
        article_data(
            article,
            url=absolute(article.get_absolute_url()),
            image=image.url if image else None,
            titles=titles,
            publisher=publisher,
            absolute=absolute,
        ),
        breadcrumbs(request, ("News & Articles", reverse("news:index")), (article.headline, "")),
    ]
    return meta


def article_data(
    article: Article,
    *,
    url: str,
    image: str | None,
    titles: Iterable[Title],
    publisher: sd.Data,
    absolute: sd.Absolute,
) -> sd.Data:
    author = article.author
    return sd.without_empty(
        {
            "@context": sd.SCHEMA,
            "@type": "Article",
            "@id": url,
            "url": url,
            "headline": article.headline,
            "description": article.blurb,
            "image": image,
            "datePublished": article.published_at.isoformat(),
            # Edits made before it was published do not make it newer than its publication.
            "dateModified": max(article.updated_at, article.published_at).isoformat(),
            "author": member_ref(author, absolute) if author else publisher,
            "publisher": publisher,
            "about": [work_ref(title, absolute) for title in titles],
        }
    )
