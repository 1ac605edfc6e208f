"""The schema.org data of the reference title page, read back as a search engine reads it."""

import io
import json

import pytest
from django.core.management import call_command

from tests.front.metadata_helpers import first_of_type, read_head
from titles.models import Person, Title

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed():
    call_command("loaddemo", stdout=io.StringIO())
    return Title.objects.get(title="1 Litre of Tears")


@pytest.mark.slow  # loads the whole demo
def test_the_reference_page_describes_its_series_with_the_stored_score(client, seed):
    head = read_head(client.get(seed.get_absolute_url()))
    series = first_of_type(head, "TVSeries")

    rating = series["aggregateRating"]
    assert float(rating["ratingValue"]) == 9.0
    assert (rating["bestRating"], rating["worstRating"]) == (10, 1)
    assert rating["ratingCount"] == 6819
    assert series["name"] == "1 Litre of Tears"
    assert series["url"] == f"http://testserver{seed.get_absolute_url()}"
    assert set(series["alternateName"]) >= {"1 リットルの涙", "One Litre of Tears"}
    assert series["countryOfOrigin"]["name"] == "Japan"
    assert (series["startDate"], series["endDate"]) == ("2005-10-15", "2005-12-20")
    assert series["numberOfEpisodes"] == 11
    assert "Sawajiri Erika" in [actor["name"] for actor in series["actor"]]
    assert "Murakami Masanori" in [director["name"] for director in series["director"]]


@pytest.mark.slow  # loads the whole demo
def test_it_lists_the_reviews_the_page_shows_with_author_score_and_date(client, seed):
    html = client.get(seed.get_absolute_url()).content.decode()
    reviews = first_of_type(read_head(html), "TVSeries")["review"]

    assert len(reviews) == 2
    for review in reviews:
        assert review["author"]["name"] in html
        assert 1 <= review["reviewRating"]["ratingValue"] <= 10
        assert review["reviewRating"]["bestRating"] == 10
        assert len(review["datePublished"]) == len("2011-04-07")


def test_a_film_is_a_movie_with_its_release_date(client, title_factory):
    film = title_factory(kind=Title.Kind.MOVIE, title="A Film", duration_minutes=118, synopsis="")
    head = read_head(client.get(film.get_absolute_url()))
    movie = first_of_type(head, "Movie")
    assert movie["datePublished"] == film.aired_from.isoformat()
    assert movie["duration"] == "PT118M"
    assert "numberOfEpisodes" not in movie
    # Nobody rated it: no made-up score.
    assert "aggregateRating" not in movie
    # Without a synopsis the description says what the film is.
    assert movie["description"] == (
        "A Film (2020): a movie from Japan. Ratings, reviews, cast and comments on dramadb."
    )
    assert head.meta["og:type"] == ["video.movie"]


def test_text_cannot_close_the_script_element(client, title_factory):
    name = "</script><script>alert(1)</script> & <!-- co"
    title = title_factory(title=name)
    head = read_head(client.get(title.get_absolute_url()))

    raw = next(text for text in head.raw_json_ld if "TVSeries" in text)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw)["name"] == name


@pytest.mark.slow  # loads the whole demo
def test_the_person_page_describes_a_person(client, seed):
    person = Person.objects.get(name="Sawajiri Erika")
    head = read_head(client.get(person.get_absolute_url()))
    data = first_of_type(head, "Person")
    assert data["name"] == "Sawajiri Erika"
    assert data["url"] == f"http://testserver{person.get_absolute_url()}"
    trail = first_of_type(head, "BreadcrumbList")["itemListElement"]
    assert [item["name"] for item in trail] == ["People", "Sawajiri Erika"]


@pytest.mark.slow  # loads the whole demo
def test_a_titles_own_lists_sit_under_it_in_breadcrumbs(client, seed):
    for suffix, name in [("cast/", "Cast and crew"), ("reviews/", "Reviews")]:
        head = read_head(client.get(f"{seed.get_absolute_url()}{suffix}"))
        trail = first_of_type(head, "BreadcrumbList")["itemListElement"]
        assert [item["name"] for item in trail] == ["1 Litre of Tears", name]
        assert trail[0]["item"] == f"http://testserver{seed.get_absolute_url()}"
        assert [item["position"] for item in trail] == [1, 2]


@pytest.mark.slow  # loads the whole demo
def test_the_demo_films_name_their_director_and_running_time(client, seed):
    films = Title.objects.filter(kind=Title.Kind.MOVIE)
    assert films.count() >= 3
    for film in films:
        movie = first_of_type(read_head(client.get(film.get_absolute_url())), "Movie")
        assert movie["duration"] == f"PT{film.duration_minutes}M", film.title
        assert movie["director"][0]["name"], film.title


@pytest.mark.slow  # loads the whole demo
def test_the_person_page_lists_their_works_in_their_roles(client, seed):
    person = Person.objects.get(name="Sawajiri Erika")
    head = read_head(client.get(person.get_absolute_url()))
    me = first_of_type(head, "Person")["@id"]
    works = first_of_type(head, "ItemList")["itemListElement"]
    seed_work = next(item["item"] for item in works if item["item"]["name"] == "1 Litre of Tears")
    assert seed_work["@type"] == "TVSeries"
    assert seed_work["actor"] == {"@id": me}
    director = Person.objects.get(name="Murakami Masanori")
    works = first_of_type(read_head(client.get(director.get_absolute_url())), "ItemList")
    assert "director" in works["itemListElement"][0]["item"]


@pytest.mark.slow  # loads the whole demo
def test_a_demo_article_was_last_changed_when_it_was_published(client, seed):
    from news.models import Article

    for article in Article.objects.all():
        data = first_of_type(read_head(client.get(article.get_absolute_url())), "Article")
        assert data["dateModified"] == data["datePublished"] == article.published_at.isoformat()
