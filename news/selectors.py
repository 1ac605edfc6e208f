"""Reads of the news app that pages call; each returns lists or a paginated queryset."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from titles.models import Title

from .models import Article, ArticleQuerySet


def latest_for_title(title: Title, limit: int) -> list[Article]:
    """ "News & Articles" on a title's page: its latest published articles, one query (their
    bodies, which the list does not show, are not read)."""
    articles = Article.objects.published().filter(titles=title).newest_first()
    return list(articles.defer("body")[:limit])


def index(*, title: Title | None = None) -> ArticleQuerySet:
    """The news index, newest first; only the articles about `title` when given."""
    articles = Article.objects.published().select_related("author").newest_first()
    if title is not None:
        articles = articles.filter(titles=title)
    return articles


def article_for_page(pk: int, user: User | AnonymousUser) -> Article | None:
    """A published article; editors also see scheduled ones, to check them before they go out."""
    article = Article.objects.select_related("author").filter(pk=pk).first()
    if article is None:
        return None
    if not article.is_published and not user.has_perm("news.change_article"):
        return None
    return article


def titles_of(article: Article) -> list[Title]:
    return list(article.titles.order_by("title", "id"))
