import pytest

from titles.models import Credit

pytestmark = pytest.mark.django_db


def test_it_groups_credits_by_kind_and_links_each_title(
    client, person_factory, title_factory, credit_factory
):
    person = person_factory(name="Sawajiri Erika", native_name="沢尻エリカ")
    drama = title_factory(title="1 Litre of Tears")
    film = title_factory(title="Another Film")
    credit_factory(person=person, title=drama, kind=Credit.Kind.MAIN, character_name="Ikeuchi Aya")
    credit_factory(person=person, title=film, kind=Credit.Kind.GUEST, character_name="A visitor")

    html = client.get(person.get_absolute_url()).content.decode()

    main = html[html.index("<main") : html.index("</main>")]
    assert main.count("沢尻エリカ") == 1  # the native name once, under the name
    assert '>Main role <span class="text-body-secondary fw-normal">(1)</span>' in html
    assert '>Guest role <span class="text-body-secondary fw-normal">(1)</span>' in html
    assert html.index("Main role") < html.index("Guest role")
    assert f'href="{drama.get_absolute_url()}"' in html
    assert "<td>Ikeuchi Aya</td>" in html  # the role has a column of its own


def test_it_redirects_to_the_current_slug(client, person_factory):
    person = person_factory(name="Fujiki Naohito")
    response = client.get(f"/people/{person.pk}/")
    assert response.status_code == 301
    assert response["Location"] == person.get_absolute_url()


@pytest.mark.parametrize("size", [2, 40])
def test_its_query_count_does_not_grow_with_credits(
    client, django_assert_num_queries, person_factory, credit_factory, size
):
    person = person_factory()
    credit_factory.create_batch(size, person=person)
    # Expect 3 queries: the person, their credits with each title, and how many members
    # favor them (the Favorites part of the page).
    with django_assert_num_queries(3):
        response = client.get(person.get_absolute_url())
    assert response.content.decode().count('class="list-title"') == size


def test_a_favorite_makes_only_the_header_again(
    client, settings, django_assert_num_queries, person_factory, credit_factory, user_factory
):
    """A favorite moves the person's version (visitors see the count), but their credits and
    the metadata drawn from them are stored parts (core/part_cache.py), read back."""
    from lists.services import favorite_person_set

    person = person_factory()
    credit_factory.create_batch(3, person=person)
    client.get(person.get_absolute_url())
    favorite_person_set(user=user_factory(), person=person, favorite=True)
    # Expect 2 queries: the person, and how many members favor them.
    with django_assert_num_queries(2):
        response = client.get(person.get_absolute_url())
    assert response["X-Part-Cache"].startswith("hit 2, miss 0,")
    assert "Favorites: <strong>1</strong>" in response.content.decode()
    settings.PAGE_CACHE = False
    assert client.get(person.get_absolute_url()).content.decode() == response.content.decode()
