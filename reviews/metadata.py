"""The metadata of a review's page (core.metadata), and the schema.org data of reviews and of a
title's score that the title's page shows too."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from accounts.metadata import member_ref
from core import structured_data as sd
from core.metadata import PageMeta, breadcrumbs, summary, upload
from core.templatetags.dramadb import score
from titles.metadata import work_ref

from .models import Review, TitleStats


def review_meta(request: HttpRequest, review: Review) -> PageMeta:
    """A review shares as an article: its headline and first words, never a spoiler's."""
    title, author = review.title, review.user
    overall = f"Overall {score(review.overall)}/10"
    meta = PageMeta(og_type="article", title=f"Review of {title.title} by {author.username}")
    if review.is_spoiler:
        text = f"{review.headline}. " if review.headline else ""
        meta.description = summary(f"{text}{overall}. This review contains spoilers.")
    else:
        headline = review.headline.strip()
        if headline and headline[-1] not in ".!?…":
            headline += "."
        meta.description = summary(f"{headline} {review.body}")
    if poster := upload(request, title.poster, f"Poster of {title.title}"):
        meta.image, meta.twitter_card = poster, "summary"
    meta.dated(review.created_at, review.updated_at)
    reviews_url = reverse("reviews:title_reviews", kwargs={"pk": title.pk, "slug": title.slug})
    meta.data = [
        review_data(
            review,
            url=request.build_absolute_uri(review.get_absolute_url()),
            description=meta.description,
            absolute=request.build_absolute_uri,
        ),
        breadcrumbs(
            request,
            (title.title, title.get_absolute_url()),
            ("Reviews", reviews_url),
            (f"Review by {author.username}", ""),
        ),
    ]
    return meta


def aggregate_rating(stats: TitleStats) -> sd.Data | None:
    """The mean of members' scores and how many gave one, as the page's header shows them."""
    mean = stats.mean
    if mean is None:
        return None
    return sd.without_empty(
        {
            "@type": "AggregateRating",
            "ratingValue": float(mean),  # a mean, one decimal as the page shows it
            "bestRating": sd.BEST_SCORE,
            "worstRating": sd.WORST_SCORE,
            "ratingCount": stats.ratings_count,
            "reviewCount": stats.review_count or None,
        }
    )


def review_summary(review: Review, absolute: sd.Absolute) -> sd.Data:
    """A review as part of another item (the title's page): no itemReviewed, no body."""
    return sd.without_empty(
        {
            "@type": "Review",
            "url": absolute(review.get_absolute_url()),
            "name": review.headline,
            "author": member_ref(review.user, absolute),
            "datePublished": sd.day(review.created_at),
            "reviewRating": sd.rating(review.overall),
        }
    )


def review_data(review: Review, *, url: str, description: str, absolute: sd.Absolute) -> sd.Data:
    return sd.without_empty(
        {
            "@context": sd.SCHEMA,
            **review_summary(review, absolute),
            "@id": url,
            "description": description,
            "itemReviewed": work_ref(review.title, absolute),
        }
    )
