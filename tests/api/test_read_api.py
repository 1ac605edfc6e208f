"""The read API: what each endpoint answers, its pages by cursor, and that nothing private
leaves through it."""

from decimal import Decimal

import pytest
from openapi_spec_validator import validate

from lists.services import custom_list_add, custom_list_create
from reviews.models import Review
from reviews.services import list_entry_save, review_submit
from titles.models import AlternativeTitle, Credit

pytestmark = pytest.mark.django_db

V1 = "/api/v1"
ENDPOINTS = ["/titles", "/titles/{title_id}", "/titles/{title_id}/reviews", "/people/{person_id}",
             "/search", "/users/{username}/list", "/users/{username}/lists",
             "/lists/{list_id}"]  # fmt: skip


def test_the_openapi_document_is_valid(client):
    # As clients read it: the JSON served (the schema in Python has numbers for keys).
    document = client.get(f"{V1}/openapi.json").json()
    validate(document)
    assert set(document["paths"]) == {f"{V1}{path}" for path in ENDPOINTS}


def test_the_document_and_the_docs_page_are_served(client):
    assert client.get(f"{V1}/openapi.json").json()["info"]["title"] == "dramadb API"
    page = client.get("/api/").content.decode()
    assert "/api/v1/titles/{title_id}" in page and "If-None-Match" in page


@pytest.fixture
def shelf(title_factory):
    """Seven titles, a year apart, the newest first in the default order."""
    return [title_factory(title=f"Harbor Story {n}", year=2010 + n, country="JP") for n in range(7)]


def _walk(client, path, **params):
    """Every item of a paged list, following `next`; and how many pages it took."""
    items, pages, cursor = [], 0, ""
    while True:
        answer = client.get(path, {**params, "cursor": cursor}).json()
        items += answer["items"]
        pages += 1
        if not (cursor := answer["next"]):
            return items, pages


def test_titles_come_a_page_at_a_time_in_the_browse_order(client, shelf):
    items, pages = _walk(client, f"{V1}/titles", limit=3)
    assert [item["title"] for item in items] == [t.title for t in reversed(shelf)]
    assert pages == 3
    by_title, _ = _walk(client, f"{V1}/titles", limit=2, sort="title", year_from=2012)
    assert [item["year"] for item in by_title] == [2012, 2013, 2014, 2015, 2016]


def test_a_filter_or_cursor_not_understood_is_a_clear_error(client, shelf):
    assert client.get(f"{V1}/titles", {"type": "opera"}).status_code == 422
    bad_genre = client.get(f"{V1}/titles", {"genre": "no-such-genre"})
    assert bad_genre.status_code == 422 and "genre" in bad_genre.json()["detail"]
    bad_cursor = client.get(f"{V1}/titles", {"cursor": "not-a-cursor"})
    assert bad_cursor.status_code == 400 and "cursor" in bad_cursor.json()["detail"]
    assert client.get(f"{V1}/titles", {"limit": 1000}).status_code == 422


def test_a_title_comes_with_its_names_cast_statistics_and_episodes(
    client, title_factory, person_factory, user
):
    title = title_factory(title="1 Litre of Tears", episodes=11, year=2005)
    AlternativeTitle.objects.create(title=title, name="Ichi Rittoru no Namida")
    erika = person_factory(name="Sawajiri Erika")
    Credit.objects.create(title=title, person=erika, kind="main", character_name="Ikeuchi Aya")
    list_entry_save(user=user, title=title, status="completed", score=Decimal(9))
    answer = client.get(f"{V1}/titles/{title.pk}").json()
    assert answer["alternative_names"] == ["Ichi Rittoru no Namida"]
    assert answer["credits"][0] | {"person_id": 0} == {
        "person_id": 0, "name": "Sawajiri Erika", "native_name": erika.native_name,
        "kind": "main", "character": "Ikeuchi Aya",
    }  # fmt: skip
    assert answer["statistics"]["ratings"] == 1 and answer["score"] == "9.0"
    assert client.get(f"{V1}/titles/999999").status_code == 404


def test_reviews_hidden_by_a_moderator_are_not_in_the_api(client, title_factory, user_factory):
    title = title_factory(title="Quiet Harbour")
    for n in range(3):
        review_submit(user=user_factory(), title=title, data={
            "headline": f"Take {n}", "body": "A slow, kind story about a harbour. " * 4,
            "is_spoiler": False, "episodes_seen": 0,
            **dict.fromkeys(("overall", "story", "acting", "music", "rewatch"), Decimal(8)),
        })  # fmt: skip
    Review.objects.filter(headline="Take 1").update(
        state=Review.State.HIDDEN, hidden_reason="Spoilers in the first line"
    )
    items, _ = _walk(client, f"{V1}/titles/{title.pk}/reviews", limit=1, sort="newest")
    assert [item["headline"] for item in items] == ["Take 2", "Take 0"]


def test_private_entries_lists_and_notes_never_leave(client, user, title_factory):
    shown, hidden = title_factory(title="Shown"), title_factory(title="Hidden")
    list_entry_save(user=user, title=shown, status="completed", score=Decimal(8),
                    note="my own thoughts")  # fmt: skip
    list_entry_save(user=user, title=hidden, status="watching", score=None, is_private=True)
    entries = client.get(f"{V1}/users/{user.username}/list").json()["items"]
    assert [entry["title"]["title"] for entry in entries] == ["Shown"]
    assert "my own thoughts" not in client.get(f"{V1}/users/{user.username}/list").content.decode()
    public = custom_list_create(user=user, name="Comfort", is_private=False)
    secret = custom_list_create(user=user, name="Secret", is_private=True)
    custom_list_add(user=user, custom_list=public, title=shown, note="Watch on a rainy day")
    custom_list_add(user=user, custom_list=secret, title=hidden)
    lists = client.get(f"{V1}/users/{user.username}/lists").json()["items"]
    assert [found["name"] for found in lists] == ["Comfort"]
    assert (
        client.get(f"{V1}/lists/{public.pk}").json()["entries"][0]["note"] == "Watch on a rainy day"
    )
    assert client.get(f"{V1}/lists/{secret.pk}").status_code == 404
    client.force_login(user)  # not even to its owner: the API answers everybody the same
    assert client.get(f"{V1}/lists/{secret.pk}").status_code == 404


def test_search_and_people(client, title_factory, person_factory):
    title = title_factory(title="Hana Yori Dango", native_title="花より男子")
    person = person_factory(name="Inoue Mao")
    Credit.objects.create(title=title, person=person, kind="main", character_name="Makino Tsukushi")
    found = client.get(f"{V1}/search", {"q": "花より"}).json()
    assert [t["title"] for t in found["titles"]] == ["Hana Yori Dango"]
    answer = client.get(f"{V1}/people/{person.pk}").json()
    assert answer["credits"][0]["title"]["title"] == "Hana Yori Dango"
    assert client.get(f"{V1}/search").status_code == 422


def test_pages_cover_every_title_once_through_ties_and_titles_without_dates(client, title_factory):
    for n in range(5):
        title_factory(title=f"Same Year {n}", year=2015, aired_from=None, aired_to=None)
    for n in range(3):
        title_factory(title=f"Undated {n}", year=None, aired_from=None, aired_to=None)
    title_factory(title="Newest", year=2020, aired_from=None, aired_to=None)
    for limit in (1, 2, 4):
        items, _ = _walk(client, f"{V1}/titles", limit=limit)
        names = [item["title"] for item in items]
        assert sorted(names) == sorted({*names}) and len(names) == 9
        assert names[0] == "Newest" and {n for n in names[-3:]} == {
            f"Undated {n}" for n in range(3)
        }


def test_a_cursor_of_another_order_is_refused_not_fatal(client, shelf):
    after = client.get(f"{V1}/titles", {"limit": 2}).json()["next"]  # a date
    for sort in ("score", "popularity", "added"):
        answer = client.get(f"{V1}/titles", {"limit": 2, "sort": sort, "cursor": after})
        assert answer.status_code == 400, sort
    # A date is a text too: by title, the page starts after it, as a forged cursor may say.
    assert client.get(f"{V1}/titles", {"sort": "title", "cursor": after}).status_code == 200
