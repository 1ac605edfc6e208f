"""What a reader types and what the search must answer, on the demo catalogue: particles read
both ways, native titles typed without their spaces, people's names in kana, suggestions only
when they are close to the query and not already shown, the header's suggestions matching as
the search page does."""

import pytest

from demo.recommendations import load_extra_titles
from demo.titles import load_discovery_titles, load_other_titles, load_seed_title

pytestmark = pytest.mark.django_db

NO_SUGGESTION = ""


@pytest.fixture
def catalogue():
    load_seed_title()
    load_other_titles()
    load_discovery_titles()
    load_extra_titles()


@pytest.mark.parametrize(
    ("query", "what", "expected"),
    [
        ("kimi no na wa", "first title", "Your Name."),
        ("kimi no na ha", "first title", "Your Name."),
        ("nigeru wa haji", "first title", "The Full-Time Wife Escapist"),
        ("nigeru ha haji", "first title", "The Full-Time Wife Escapist"),
        ("kimi no suizou o tabetai", "first title", "Let Me Eat Your Pancreas"),
        ("1リットル", "first title", "1 Litre of Tears"),
        ("にしきど", "first person", "Nishikido Ryo"),
        ("son ye jin", "suggestion", NO_SUGGESTION),
        ("tears", "first title", "1 Litre of Tears"),
        ("tears", "suggestion", NO_SUGGESTION),
        ("1 litre of tars", "first title", "1 Litre of Tears"),
        ("1 litre of tars", "suggestion", NO_SUGGESTION),
        ("navillera", "suggestion", NO_SUGGESTION),
        ("nabillera", "header suggestion", "Navillera"),
        ("nabilerra", "header suggestion", "Navillera"),
    ],
)
def test_what_a_reader_types_finds_what_they_expect(client, catalogue, query, what, expected):
    if what == "header suggestion":
        response = client.get("/search/suggest/", {"q": query})
        assert expected in [link.split("<")[0].strip() for link in _link_texts(response)]
        return
    context = client.get("/search/", {"q": query}).context
    if what == "first title":
        assert [title.title for title in context["titles"]][:1] == [expected]
    elif what == "first person":
        assert [person.name for person in context["people"]][:1] == [expected]
    else:
        assert context["suggestion"] == expected


def test_the_search_page_answers_a_particle_read_as_spoken(client, catalogue):
    html = client.get("/search/", {"q": "kimi no na wa"}).content.decode()
    assert 'href="/titles/' in html and "Your Name." in html
    assert "Did you mean" not in html and "Nothing matches" not in html


def _link_texts(response) -> list[str]:
    html = response.content.decode()
    return [part.split(">", 1)[1] for part in html.split("<a ")[1:]]
