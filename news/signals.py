"""An article saved, removed or linked to titles makes the news pages and the linked titles'
pages afresh (title pages list their articles)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from core.page_cache import NEWS, pages_changed

from .models import Article


def news_changed(**kwargs: object) -> None:
    pages_changed(NEWS)


def connect() -> None:
    post_save.connect(news_changed, sender=Article, dispatch_uid="pages-article-save")
    post_delete.connect(news_changed, sender=Article, dispatch_uid="pages-article-delete")
    m2m_changed.connect(news_changed, sender=Article.titles.through, dispatch_uid="pages-article")
