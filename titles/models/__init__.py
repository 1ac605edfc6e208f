"""The catalogue: titles with their names, genres, tags and networks; people and credits."""

from .episodes import GUIDE_LATEST, Episode, EpisodeGuide, EpisodeQuerySet
from .people import CAST_KINDS, Credit, CreditQuerySet, PageCredits, Person, page_credits
from .related import RelatedTitle, related_of
from .titles import (
    AlternativeTitle,
    Genre,
    Network,
    Tag,
    Title,
    TitleQuerySet,
    best_date,
    slug_for,
)

__all__ = [
    "CAST_KINDS",
    "GUIDE_LATEST",
    "AlternativeTitle",
    "Credit",
    "CreditQuerySet",
    "Episode",
    "EpisodeGuide",
    "EpisodeQuerySet",
    "Genre",
    "Network",
    "PageCredits",
    "Person",
    "RelatedTitle",
    "Tag",
    "Title",
    "TitleQuerySet",
    "best_date",
    "page_credits",
    "related_of",
    "slug_for",
]
