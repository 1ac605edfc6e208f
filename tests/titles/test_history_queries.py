"""History pages cost the same number of queries with two changes as with thirty."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from titles.models import AlternativeTitle, RelatedTitle

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[2, 30])
def changed_title(request, title_factory, credit_factory, genre_factory, tag_factory,
                  user_factory):  # fmt: skip
    """A title whose synopsis, genres, tags and credits were changed `size` times each by
    different editors, and whose alternative name and related title changed last, so every
    history table has records on the first page."""
    size = request.param
    title = title_factory()
    credits = credit_factory.create_batch(size, title=title)
    genres, tags = genre_factory.create_batch(size), tag_factory.create_batch(size)
    editors = user_factory.create_batch(size)
    for n in range(size):
        for obj in (title, credits[n]):
            obj._history_user = editors[n]
        title.synopsis = f"Version {n} of the synopsis."
        title.save()
        title.genres.add(genres[n])
        title.tags.add(tags[n])
        credits[n].character_name = f"Renamed {n}"
        credits[n].save()
    name = AlternativeTitle.objects.create(title=title, name="Another name")
    name.name = "Yet another name"
    name.save()
    link = RelatedTitle.objects.create(title=title, related=title_factory(), kind="sequel")
    link.kind = RelatedTitle.Kind.SPIN_OFF
    link.save()
    return title, size


def test_the_public_history_page_runs_the_same_8_queries_at_any_size(
    client, changed_title, django_assert_num_queries
):
    title, size = changed_title
    url = reverse("titles:history", kwargs={"pk": title.pk, "slug": title.slug})
    # Expect 8 queries:
    # 1. the title
    # 2. the page's records, newest first, across the four history tables
    # 3-6. for each table with records on the page (title, alternative titles, credits,
    #      related titles): those records and the one before each, with their editors and
    #      the rows they name (network; person; both titles)
    # 7-8. the title records' genres and tags, as each record saw them
    with django_assert_num_queries(8):
        response = client.get(url)
    html = response.content.decode()
    assert "Alternative title: Yet another name</strong> changed" in html
    assert "Kind: Sequel" in html
    assert f"Synopsis: Version {size - 2} of the synopsis." in html
    assert "Character name: Character" in html
    assert "by user" in html
    assert ('rel="next"' in html) == (size == 30)


def test_the_admin_history_of_a_title_runs_the_same_9_queries_at_any_size(
    editor_client, changed_title, django_assert_num_queries
):
    title, size = changed_title
    # The content type of users (for links to the editors) is cached per process after its
    # first use, as in production.
    ContentType.objects.get_for_model(get_user_model())
    # Expect 9 queries:
    # 1. the editor (the session is in the cache)
    # 2. the title
    # 3-4. the editor's own and their groups' permissions (the admin's checks)
    # 5. how many records the title has
    # 6. the page of records with their editors and networks (simple-history)
    # 7. those records and the one before each, to read the changes (core/history.py)
    # 8-9. the genres and tags each of them saw
    with django_assert_num_queries(9):
        response = editor_client.get(f"/admin/titles/title/{title.pk}/history/")
    html = response.content.decode()
    assert html.count("Revert this change") == 3 * size


@pytest.mark.parametrize("size", [2, 30])
def test_the_admin_history_of_a_credit_costs_the_same_at_any_size(
    editor_client, credit_factory, size, django_assert_num_queries
):
    credit = credit_factory()
    for n in range(size):
        credit.character_name = f"Name {n}"
        credit.save()
    ContentType.objects.get_for_model(get_user_model())
    editor_client.get(f"/admin/titles/credit/{credit.pk}/history/")  # per-process caches warm
    # Expect 7 queries, none per record:
    # (the editor and their session are in the cache)
    # 1. the credit
    # 2-3. the editor's own and their groups' permissions (the admin's checks)
    # 4. how many records the credit has
    # 5. the page of records with their editors, people and titles (simple-history)
    # 6. those records and the one before each, to read the changes (core/history.py)
    with django_assert_num_queries(6):
        response = editor_client.get(f"/admin/titles/credit/{credit.pk}/history/")
    assert response.content.decode().count("Revert this change") == size
