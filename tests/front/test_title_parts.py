"""The title page is made of stored parts (core/part_cache.py): each write moves the keys of
exactly the parts that show what it changed, the page made after it reads the other parts back,
and the page it makes is the page a fresh render gives."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from comments.services import comment_edit, comment_hide, comment_like, comment_post
from lists.services import custom_list_add, custom_list_create, favorite_title_set
from recommendations.services import recommendation_add, recommendation_vote
from recommendations.similar import similar_titles_compute
from reviews.services import (
    list_entry_remove,
    list_entry_save,
    review_submit,
    review_vote,
)
from reviews.stats import rankings_refresh
from tests.front.test_page_cache import REASON, review_data
from titles.services import create_episodes

pytestmark = pytest.mark.django_db

# What the title page's parts show besides the title's own rows, by the writes that change it.
RATINGS = {"scores", "header", "watchers"}
REVIEWS = {"scores", "reviews"}
CATALOGUE = {
    "meta",
    "scores",
    "header",
    "overview",
    "cast",
    "reviews",
    "recommendations",
    "lists",
    "comments",
}  # fmt: skip  (the comment form offers the title's episodes)


@pytest.fixture
def world(title_factory, user_factory, rate, moderator):
    """A title with a rating, a review, a comment and a recommendation, and a few members."""
    title = title_factory(title="Quiet Harbour", episodes=12)
    other = title_factory(title="Loud Valley")
    writer, reader, voter = (user_factory(username=n) for n in ("writer", "reader", "voter"))
    rate(reader, title, "7.0")
    review = review_submit(user=writer, title=title, data=review_data())
    said = comment_post(author=writer, target=title, body="The ferry scene stays with me.")
    paired = recommendation_add(user=writer, title=title, other=other, reason=REASON)
    return {"title": title, "other": other, "writer": writer, "reader": reader, "voter": voter,
            "moderator": moderator, "review": review, "comment": said,
            "recommendation": paired}  # fmt: skip


def part_keys(title) -> dict[str, str]:
    from front.views import title_parts

    request = RequestFactory().get(title.get_absolute_url())
    request.user = AnonymousUser()
    return title_parts(request, title.pk, cpage="").keys


WRITES = {
    "a comment": (lambda w: comment_post(author=w["reader"], target=w["title"], body="Yes!"),
                  {"comments"}),
    "a reply": (lambda w: comment_post(author=w["reader"], target=w["title"], body="Same.",
                                       parent_id=w["comment"].pk), {"comments"}),
    "a like": (lambda w: comment_like(user=w["reader"], comment=w["comment"], liked=True),
               {"comments"}),
    "an edit": (lambda w: comment_edit(comment=w["comment"], editor=w["writer"],
                                       body="Edited words.", is_spoiler=False), {"comments"}),
    "a hidden comment": (lambda w: comment_hide(comment=w["comment"], moderator=w["moderator"],
                                                reason="Off topic."), {"comments"}),
    "a rating": (lambda w: list_entry_save(user=w["voter"], title=w["title"],
                                           status="completed", score=Decimal("9")), RATINGS),
    "an entry taken off": (lambda w: list_entry_remove(user=w["reader"], title=w["title"]),
                           RATINGS),
    "a review": (lambda w: review_submit(user=w["reader"], title=w["title"],
                                         data=review_data("6")), RATINGS | REVIEWS),
    "a reviewer's new score": (lambda w: list_entry_save(user=w["writer"], title=w["title"],
                                                         status="completed", score=Decimal("6")),
                               RATINGS | REVIEWS),  # their review's Overall follows it
    "a helpful vote": (lambda w: review_vote(user=w["voter"], review=w["review"], helpful=True),
                       REVIEWS),
    "a favorite": (lambda w: favorite_title_set(user=w["voter"], title=w["title"], favorite=True),
                   {"header"}),
    "a list": (lambda w: custom_list_add(user=w["voter"], title=w["title"],
                                         custom_list=custom_list_create(user=w["voter"],
                                                                        name="Calm")),
               {"lists"}),
    "a recommendation vote": (lambda w: recommendation_vote(user=w["voter"],
                                                            recommendation=w["recommendation"]),
                              {"recommendations"}),
    "episodes added": (lambda w: create_episodes(w["title"]), CATALOGUE),
    "ranks refreshed": (lambda w: rankings_refresh(), {"header", "watchers"}),
    "similar titles computed": (lambda w: similar_titles_compute(), {"recommendations"}),
}  # fmt: skip


@pytest.mark.parametrize("write", WRITES, ids=list(WRITES))
def test_each_write_moves_exactly_the_parts_that_show_it(client, settings, world, write):
    settings.TOP_MIN_RATINGS = 1  # so that the refresh ranks the title
    do, expected = WRITES[write]
    title = world["title"]
    before = part_keys(title)
    assert client.get(title.get_absolute_url())["X-Page-Cache"] == "miss"  # every part stored

    do(world)

    after = part_keys(title)
    assert {name for name in before if before[name] != after[name]} == expected
    with CaptureQueriesContext(connection) as made:
        cached = client.get(title.get_absolute_url())
    assert cached["X-Page-Cache"] == "miss"  # the page's own key moved with its parts'
    settings.PAGE_CACHE = False
    with CaptureQueriesContext(connection) as whole:
        fresh = client.get(title.get_absolute_url())
    assert cached.content.decode() == fresh.content.decode()
    assert len(made) < len(whole)  # only the parts that moved read anything


@pytest.mark.parametrize("write", ["a rating", "a helpful vote"])
def test_a_score_makes_the_metadata_again_without_the_titles_names_or_credits(client, world, write):
    """The page's data names the title's people and its score: a score moves only the score's
    part, so the page made after it reads neither the names, genres nor credits again."""
    title = world["title"]
    client.get(title.get_absolute_url())
    WRITES[write][0](world)

    with CaptureQueriesContext(connection) as queries:
        html = client.get(title.get_absolute_url()).content.decode()

    read = " ".join(query["sql"] for query in queries)
    assert "titles_credit" not in read and "titles_genre" not in read
    assert '"aggregateRating"' in html and '"review"' in html


def test_the_other_titles_parts_move_with_a_recommendation_too(world):
    other = world["other"]
    before = part_keys(other)
    recommendation_add(user=world["voter"], title=world["other"], other=world["title"],
                       reason=REASON)  # fmt: skip
    after = part_keys(other)
    assert {name for name in before if before[name] != after[name]} == {"recommendations"}


def test_a_new_comment_renders_its_own_thread_and_reads_the_others_back(client, world):
    title = world["title"]
    for n in range(5):
        comment_post(author=world["reader"], target=title, body=f"Thought number {n}.")
    client.get(title.get_absolute_url())
    new = comment_post(author=world["voter"], target=title, body="A **new** thread.")

    with CaptureQueriesContext(connection) as queries:
        response = client.get(title.get_absolute_url())

    told = response["X-Part-Cache"]
    assert told == "hit 10, miss 1, fragment hit 6, fragment miss 1"
    # The rows of the new thread alone are read: the others' markup comes back by its digest.
    rows = [query["sql"] for query in queries if "thread_digest" in query["sql"]]
    assert len(rows) == 1 and f"ANY(ARRAY[{new.pk}]::bigint[])" in rows[0]
    html = response.content.decode()
    assert "A <strong>new</strong> thread." in html and "Thought number 4." in html


def test_members_with_permissions_never_read_or_store_parts(client, world):
    title = world["title"]
    comment_hide(comment=world["comment"], moderator=world["moderator"], reason="Off topic.")
    client.get(title.get_absolute_url())  # a visitor's page stores the parts
    client.force_login(world["moderator"])
    html = client.get(title.get_absolute_url()).content.decode()
    assert "The ferry scene stays with me." in html  # a moderator sees the hidden comment
