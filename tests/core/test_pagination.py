import pytest

from core.pagination import countless_page, stored_count_page
from titles.models import Genre

pytestmark = pytest.mark.django_db


@pytest.fixture
def genres():
    return [Genre.objects.create(name=f"Genre {n:02}", slug=f"genre-{n:02}") for n in range(7)]


def test_a_stored_count_page_trusts_the_count_and_never_counts_rows(
    genres, django_assert_num_queries
):
    # Expect 1 query: the page's rows; the count comes from the caller.
    with django_assert_num_queries(1):
        page = stored_count_page(
            Genre.objects.order_by("name"), count=7, page_number="2", per_page=3
        )
        rows = list(page.object_list)
    assert [g.name for g in rows] == ["Genre 03", "Genre 04", "Genre 05"]
    assert page.paginator.num_pages == 3
    assert page.has_next()


def test_a_stored_count_page_takes_a_fetch_function_and_bad_page_numbers(genres):
    calls = []

    def fetch(offset: int, limit: int) -> list[int]:
        calls.append((offset, limit))
        return list(range(offset, offset + limit))

    page = stored_count_page(fetch, count=7, page_number="x", per_page=3)
    assert list(page.object_list) == [0, 1, 2]
    last = stored_count_page(fetch, count=7, page_number="99", per_page=3)
    assert list(last.object_list) == [6]
    assert calls == [(0, 3), (6, 1)]


def test_a_countless_page_knows_a_next_page_from_one_extra_row(genres):
    page = countless_page(Genre.objects.order_by("name"), "3", 3)
    assert [g.name for g in page.object_list] == ["Genre 06"]
    assert not page.has_next and page.has_previous
