import pytest

from demo.titles import load_seed_title

pytestmark = pytest.mark.django_db


def test_it_lists_cast_and_crew_grouped_by_kind(client):
    title = load_seed_title()
    response = client.get(f"/titles/{title.pk}-{title.slug}/cast/")
    html = response.content.decode()
    for heading in ["Main role", "Support role", "Director", "Screenwriter", "Original work"]:
        assert f">{heading}</h2>" in html
    assert (
        html.index("Sawajiri Erika") < html.index("Narumi Riko") < html.index("Murakami Masanori")
    )
    assert "Kito Aya" in html


@pytest.mark.parametrize("size", [2, 40])
def test_its_query_count_does_not_grow_with_credits(
    client, django_assert_num_queries, title_factory, credit_factory, size
):
    title = title_factory()
    credit_factory.create_batch(size, title=title)
    # Expect 2 queries: the title, then its credits with each person.
    with django_assert_num_queries(2):
        response = client.get(f"/titles/{title.pk}-{title.slug}/cast/")
    assert response.content.decode().count('class="credit ') == size
