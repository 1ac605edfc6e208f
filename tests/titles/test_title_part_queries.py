"""The catalogue's part of the title page: a fixed number of queries whatever the credits,
names, genres and tags (the whole page's list is in tests/front/test_title_page_queries.py)."""

import pytest
from django.conf import settings

from titles.models import Credit, Title, page_credits

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [2, 40])
def test_the_title_and_its_cast_preview_take_two_queries(
    django_assert_num_queries,
    title_factory,
    credit_factory,
    alternative_title_factory,
    genre_factory,
    tag_factory,
    size,
):
    title = title_factory()
    title.genres.add(*genre_factory.create_batch(size))
    title.tags.add(*tag_factory.create_batch(size))
    alternative_title_factory.create_batch(size, title=title)
    credit_factory.create_batch(size, title=title)
    credit_factory.create_batch(size, title=title, kind=Credit.Kind.DIRECTOR)

    # Expect 2 queries:
    # 1. the title with its network, its alternative titles' names, genres and tags
    # 2. its credits with each person: the cast preview, the makers and how many more
    with django_assert_num_queries(2):
        page_title = Title.objects.for_page().get(pk=title.pk)
        names = page_title.other_names
        genres = [g["name"] for g in page_title.genre_links + page_title.tag_links]
        credits = page_credits(page_title, settings.CAST_PREVIEW_SIZE)
        people = [credit.person.name for credit in credits.cast_preview]
        directors = [person.name for person in credits.directors]
    assert names == [a.name for a in title.alternative_titles.order_by("id")]
    assert genres == [g.name for g in title.genres.order_by("name")] + [
        t.name for t in title.tags.order_by("name")
    ]
    assert len(names) == size and len(genres) == 2 * size
    assert len(people) == min(size, settings.CAST_PREVIEW_SIZE)
    assert len(directors) == size
    assert credits.more == 2 * size - len(people)
