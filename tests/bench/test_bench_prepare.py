import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from bench.server import UNTHROTTLED
from reviews.models import ListEntry, Review
from reviews.services import list_entry_save, review_submit
from titles.models import Title

pytestmark = pytest.mark.django_db

BODY = (
    "A patient family drama that earns every one of its tears, with a cast that never pushes "
    "and a score that knows when to stay quiet."
)


def _review(user, title, overall="8.0") -> Review:
    data = {"headline": "", "body": BODY, "is_spoiler": False, "episodes_seen": 0}
    data |= {name: Decimal(overall) for name in ("overall", "story", "acting", "music", "rewatch")}
    return review_submit(user=user, title=title, data=data)


@pytest.fixture
def catalogue(title_factory, user_factory):
    hot = title_factory(title="Tears of the Sun")
    for _ in range(3):
        _review(user_factory(), hot)
    others = title_factory.create_batch(4)  # the bench users rate and review these
    _review(user_factory(), others[0])
    title_factory(title="Still Airing", episodes=None)
    return hot


def _prepare(users: int = 2) -> dict:
    out = io.StringIO()
    call_command("bench_prepare", "--users", str(users), stdout=out)
    return json.loads(out.getvalue())


def _client(plan: dict, user: int) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.cookies["sessionid"] = plan["sessions"][user]
    client.cookies["csrftoken"] = plan["csrf"]
    return client


def test_it_picks_the_title_with_the_most_reviews(catalogue):
    plan = _prepare()

    assert plan["pages"]["title"] == catalogue.get_absolute_url()
    assert plan["pages"]["reviews"] == f"{catalogue.get_absolute_url()}reviews/"
    assert plan["pages"]["search"] == "/search/?q=Tears"


def test_the_discovery_pages_it_picks_find_something(client, catalogue, credit_factory, settings):
    credit_factory(title=catalogue, person__name="Kim Minjun")
    plan = _prepare()
    settings.PAGE_CACHE = False  # the pages' context is read below; a stored page has none

    typo = client.get(plan["pages"]["search_typo"])
    assert typo.context["query"] != catalogue.title  # a letter is missing
    assert typo.context["titles"][0] == catalogue
    assert client.get(plan["pages"]["browse"]).context["titles"]
    assert client.get(plan["pages"]["top"]).status_code == 200
    assert client.get(plan["pages"]["people"]).context["cards"]


def test_the_member_pages_are_the_longest_lists(client, catalogue, user_factory, title_factory):
    lister = user_factory(username="many_titles")
    for title in title_factory.create_batch(5):
        list_entry_save(user=lister, title=title, status="completed", score=Decimal("7.0"))
    plan = _prepare()

    assert plan["pages"]["list"] == "/users/many_titles/list/"
    assert plan["pages"]["profile"] == "/users/many_titles/"
    assert plan["data"]["longest list"] == 5
    for page in ("list", "profile", "schedule"):
        assert client.get(plan["pages"][page]).status_code == 200


def test_the_plus_ones_go_to_a_title_without_a_last_episode(catalogue):
    plan = _prepare()

    plus_ones = [write for write in plan["writes"] if write["kind"] == "+1"]

    still_airing = Title.objects.get(title="Still Airing")
    assert {write["path"] for write in plus_ones} == {f"/titles/{still_airing.pk}/progress/"}
    assert {write["user"] for write in plus_ones} == {0, 1}
    # Each run starts the bench users at episode 0 again; counting the queries of one +1
    # (run twice, the first to warm up) leaves the first user at episode 2.
    entries = ListEntry.objects.filter(title=still_airing, user__username__startswith="bench_")
    entries.update(episodes_seen=40)
    _prepare()
    assert sorted(entries.values_list("episodes_seen", flat=True)) == [0, 2]


def test_its_sessions_are_signed_in_as_the_bench_users(catalogue):
    plan = _prepare()

    page = _client(plan, 1).get("/accounts/settings/profile/")

    assert page.status_code == 200
    assert page.context["user"].username == "bench_user_1"


def test_every_write_in_the_plan_is_accepted_with_the_csrf_cookie_and_header(catalogue, settings):
    # The benchmark's server runs without throttles (bench/server.py), and so does this.
    settings.REVIEW_RATE = settings.VOTE_RATE = settings.RECOMMENDATION_RATE = UNTHROTTLED
    plan = _prepare()

    for write in plan["writes"]:
        headers = {"X-CSRFToken": plan["csrf"]}
        if write["htmx"]:
            headers["HX-Request"] = "true"
        response = _client(plan, write["user"]).post(
            write["path"],
            write["body"],
            content_type="application/x-www-form-urlencoded",
            headers=headers,
        )
        assert response.status_code in (200, 302), (write, response.content[:300])
    assert {write["kind"] for write in plan["writes"]} >= {"rate", "vote", "review", "+1"}


def test_a_write_without_the_csrf_header_is_refused(catalogue):
    plan = _prepare()
    write = plan["writes"][0]

    response = _client(plan, write["user"]).post(
        write["path"], write["body"], content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 403


def test_bench_users_vote_only_on_other_peoples_reviews(catalogue):
    plan = _prepare()

    voted = {int(w["path"].split("/")[2]) for w in plan["writes"] if w["kind"] == "vote"}

    assert voted
    assert not Review.objects.filter(pk__in=voted, user__username__startswith="bench_user_")


def test_it_counts_queries_signed_out_and_signed_in(catalogue):
    queries = _prepare()["queries"]

    assert queries["floor"] == {"out": 0, "in": 0}
    # Signed in adds at least the member's own state (their entry and votes) on a title page;
    # the session and the user come from the cache, and what of theirs every page shows
    # alike (favorites, open reports, list names) is kept under their version once read.
    assert queries["title"]["in"] >= queries["title"]["out"] + 1
    assert queries["rate"]["in"] > 0


def test_running_it_again_adds_no_users_or_reviews(catalogue):
    _prepare()
    reviews = Review.objects.count()

    plan = _prepare()

    assert Review.objects.count() == reviews
    assert len(set(plan["sessions"])) == 2


def test_it_refuses_an_empty_database(db):
    with pytest.raises(CommandError, match="load or generate data first"):
        _prepare()
