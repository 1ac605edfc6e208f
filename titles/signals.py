"""Catalogue edits (the admin's, mostly) make every page that shows the catalogue afresh.

Titles, their names, credits, people, genres, tags, networks and related titles appear on
almost every page, and editors change them rarely: one site-wide version is enough.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from core.page_cache import CATALOGUE, pages_changed

from .models import AlternativeTitle, Credit, Genre, Network, Person, RelatedTitle, Tag, Title

CATALOGUE_MODELS = (Title, AlternativeTitle, Credit, Person, Genre, Tag, Network, RelatedTitle)


def catalogue_changed(**kwargs: object) -> None:
    pages_changed(CATALOGUE)


def connect() -> None:
    for model in CATALOGUE_MODELS:
        post_save.connect(catalogue_changed, sender=model, dispatch_uid=f"pages-{model.__name__}")
        post_delete.connect(catalogue_changed, sender=model, dispatch_uid=f"pages-{model.__name__}")
    for through in (Title.genres.through, Title.tags.through):
        m2m_changed.connect(catalogue_changed, sender=through, dispatch_uid=f"pages-{through}")
