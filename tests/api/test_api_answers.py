"""What every API answer goes through: tokens, rate limits, conditional GET; the token pages;
and each endpoint's cost, the same with few rows or many."""

from decimal import Decimal

import pytest

from api.models import ApiToken
from api.services import api_token_create
from lists.services import custom_list_add, custom_list_create
from reviews.services import list_entry_save, review_submit
from titles.models import Credit

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


def test_an_unchanged_answer_is_304_and_may_be_reused_for_a_minute(client, title_factory):
    title_factory(title="Quiet Harbour")
    first = client.get(f"{V1}/titles")
    assert first.status_code == 200 and "public" in first["Cache-Control"]
    assert "max-age=60" in first["Cache-Control"]
    again = client.get(f"{V1}/titles", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    head = client.head(f"{V1}/titles")
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == first["ETag"]
    title_factory(title="Another Harbour")
    changed = client.get(f"{V1}/titles", headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_past_the_limit_the_answer_is_429_with_retry_after(client, settings, user):
    settings.API_RATE_ANONYMOUS = "3/m"
    settings.API_RATE_TOKEN = "5/m"
    assert [client.get(f"{V1}/titles").status_code for _ in range(4)] == [200, 200, 200, 429]
    refused = client.get(f"{V1}/titles")
    assert int(refused["Retry-After"]) > 0 and "wait" in refused.json()["detail"]
    # A token has a limit of its own.
    _, secret = api_token_create(user=user, name="my app")
    bearer = {"Authorization": f"Bearer {secret}"}
    answers = [client.get(f"{V1}/titles", headers=bearer).status_code for _ in range(6)]
    assert answers == [200] * 5 + [429]


def test_a_token_unknown_or_revoked_is_401(client, user):
    token, secret = api_token_create(user=user, name="old script")
    ok = client.get(f"{V1}/titles", headers={"Authorization": f"Bearer {secret}"})
    assert ok.status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(revoked_at="2026-01-01T00:00Z")
    revoked = client.get(f"{V1}/titles", headers={"Authorization": f"Bearer {secret}"})
    assert revoked.status_code == 401 and revoked["WWW-Authenticate"].startswith("Bearer")
    assert client.get(f"{V1}/titles", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get(f"{V1}/titles", headers={"Authorization": "Basic eDp5"}).status_code == 401


def test_a_token_is_shown_once_and_only_its_hash_is_kept(client, user, user_factory):
    client.force_login(user)
    made = client.post("/accounts/settings/api/", {"name": "my app"})
    token = ApiToken.objects.get(user=user)
    secret = made.content.decode().split('<code class="api-secret">')[1].split("<")[0]
    assert secret.startswith("ddb_") and secret not in token.key_hash
    assert secret not in client.get("/accounts/settings/api/").content.decode()
    assert client.post("/accounts/settings/api/", {"name": ""}).status_code == 422
    client.force_login(user_factory())
    assert client.post(f"/accounts/settings/api/{token.pk}/revoke/").status_code == 404
    client.force_login(user)
    client.post(f"/accounts/settings/api/{token.pk}/revoke/")
    assert not ApiToken.objects.get(pk=token.pk).is_live


@pytest.fixture
def catalogue(title_factory, person_factory, user_factory):
    """`catalogue(n)`: n titles, each with a credit, an entry, a review and a list item."""

    def make(n: int) -> dict:
        owner = user_factory(username=f"owner{n}")
        shelf = custom_list_create(user=owner, name="All of them", is_private=False)
        person = person_factory(name=f"Story Teller {n}")
        titles = []
        for i in range(n):
            title = title_factory(title=f"Story {n}-{i}", episodes=10)
            Credit.objects.create(title=title, person=person, kind="main", character_name="Lead")
            list_entry_save(user=owner, title=title, status="completed", score=Decimal(8))
            reviewer = user_factory()
            review_submit(user=reviewer, title=titles[0] if titles else title, data={
                "headline": "Fine", "body": "A fine story told well enough. " * 4,
                "is_spoiler": False, "episodes_seen": 10,
                **dict.fromkeys(("overall", "story", "acting", "music", "rewatch"), Decimal(8)),
            })  # fmt: skip
            custom_list_add(user=owner, custom_list=shelf, title=title)
            titles.append(title)
        first = titles[0]
        return {
            "titles": f"{V1}/titles?sort=score",
            "title": f"{V1}/titles/{first.pk}",
            "reviews": f"{V1}/titles/{first.pk}/reviews",
            "person": f"{V1}/people/{person.pk}",
            "search": f"{V1}/search?q=story",
            "list": f"{V1}/users/{owner.username}/list",
            "lists": f"{V1}/users/{owner.username}/lists",
            "custom_list": f"{V1}/lists/{shelf.pk}",
        }

    return make


# Each endpoint's queries: the same at either size.
QUERIES = {"titles": 1, "title": 6, "reviews": 2, "person": 2, "search": 9, "list": 2,
           "lists": 2, "custom_list": 2}  # fmt: skip


@pytest.mark.parametrize("size", [2, 12])
@pytest.mark.parametrize("endpoint", QUERIES)
def test_each_endpoint_costs_the_same_with_few_rows_or_many(
    client, catalogue, django_assert_num_queries, endpoint, size
):
    path = catalogue(size)[endpoint]
    client.get(path)
    with django_assert_num_queries(QUERIES[endpoint]):
        assert client.get(path).status_code == 200


def test_guessing_tokens_counts_against_the_address_limit(client, settings):
    settings.API_RATE_ANONYMOUS = "2/m"
    guesses = [
        client.get(f"{V1}/titles", headers={"Authorization": f"Bearer guess{n}"}).status_code
        for n in range(3)
    ]
    assert guesses == [401, 401, 429]


def test_live_tokens_are_listed_before_revoked_ones(client, user):
    client.force_login(user)
    api_token_create(user=user, name="still used")
    for n in range(25):
        old, _ = api_token_create(user=user, name=f"old {n}")
        ApiToken.objects.filter(pk=old.pk).update(revoked_at="2026-01-01T00:00Z")
    assert "still used" in client.get("/accounts/settings/api/").content.decode()
