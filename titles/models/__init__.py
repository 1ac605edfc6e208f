"""The catalogue: titles with their names, genres, tags and networks; people and credits."""

from .people import CAST_KINDS, Credit, CreditQuerySet, Person
from .titles import (
    NATIVE_LANGUAGES,
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
    "NATIVE_LANGUAGES",
    "AlternativeTitle",
    "Credit",
    "CreditQuerySet",
    "Genre",
    "Network",
    "Person",
    "Tag",
    "Title",
    "TitleQuerySet",
    "best_date",
    "slug_for",
]
