from datetime import timedelta

import pytest
from django.utils import timezone

from comments.locations import comment_location

pytestmark = pytest.mark.django_db


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def test_a_comment_is_located_on_its_titles_page_or_its_threads_page(
    title, comment_factory, settings
):
    settings.COMMENT_THREADS_PER_PAGE = 2
    settings.COMMENT_REPLIES_PER_THREAD_ON_PAGE = 2
    settings.COMMENT_REPLIES_PER_PAGE = 2
    oldest = comment_factory(target=title, created_at=days_ago(9))
    replies = [comment_factory(parent=oldest) for _ in range(5)]
    for day in range(3):
        comment_factory(target=title, created_at=days_ago(day))
    page = title.get_absolute_url()

    assert comment_location(oldest) == f"{page}?cpage=2#comment-{oldest.pk}"
    assert comment_location(replies[1]) == f"{page}?cpage=2#comment-{replies[1].pk}"
    assert comment_location(replies[2]) == f"/comments/{oldest.pk}/?page=2#comment-{replies[2].pk}"
    assert comment_location(replies[4]) == f"/comments/{oldest.pk}/?page=3#comment-{replies[4].pk}"
