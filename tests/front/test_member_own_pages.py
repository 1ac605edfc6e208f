"""A member's page is stored filled for them (core/page_cache.py), under the version of
everything of theirs their parts show (`member_version`): each of their writes moves it, so the
page they read next is the page a fresh render gives; others' writes do not, and the bell,
which others' writes change, is filled on every request (core/personal.py)."""

import re
from collections import Counter
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from comments.services import comment_like, comment_post
from core import personal
from core.personal import ID_STAND_IN, stand_in
from core.versions import member_version, versions
from lists.services import (
    custom_list_create,
    custom_list_delete,
    custom_list_update,
    favorite_title_set,
)
from moderation.models import Report
from moderation.services import act, find_item, report_submit
from recommendations.models import RecommendationReason
from recommendations.services import (
    recommendation_add,
    recommendation_reason_remove,
    recommendation_unvote,
    recommendation_vote,
)
from reviews.services import (
    list_entry_remove,
    list_entry_save,
    review_delete,
    review_submit,
    review_vote,
    review_vote_withdraw,
)
from tests.front.test_page_cache import REASON, review_data
from titles.models import Title

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def world(title_factory, user_factory, rate, moderator):
    """A title with a review, a comment and a recommendation by others, and `me`, a member
    with a list, a rating, a vote, a like and a report of their own."""
    title = title_factory(title="Quiet Harbour", episodes=12)
    other = title_factory(title="Loud Valley")
    writer, me = user_factory(username="writer"), user_factory(username="me")
    review = review_submit(user=writer, title=title, data=review_data())
    said = comment_post(author=writer, target=title, body="The ferry scene stays with me.")
    paired = recommendation_add(user=writer, title=title, other=other, reason=REASON)
    rate(me, title, "7.0")
    kept = custom_list_create(user=me, name="Calm evenings")
    review_vote(user=me, review=review, helpful=True)
    comment_like(user=me, comment=said, liked=True)
    recommendation_vote(user=me, recommendation=paired)
    report_submit(reporter=me, item=find_item("comment", said.pk), reason=Report.Reason.SPAM)
    return {"title": title, "other": other, "writer": writer, "me": me, "review": review,
            "comment": said, "recommendation": paired, "list": kept,
            "moderator": moderator}  # fmt: skip


def _closed(w):
    act(moderator=w["moderator"], item=find_item("comment", w["comment"].pk), verb="dismiss")


def _reason_removed(w):
    recommendation_add(user=w["me"], title=w["other"], other=w["title"], reason=REASON + " Too.")
    mine = RecommendationReason.objects.get(user=w["me"])
    recommendation_reason_remove(reason=mine)


# Each write of `me` (or about them: a moderator closing their report), and what it changes.
MINE = {
    "a new score": lambda w: list_entry_save(user=w["me"], title=w["title"],
                                             status="completed", score=Decimal("9")),
    "the title taken off their list": lambda w: list_entry_remove(user=w["me"],
                                                                  title=w["title"]),
    "a review": lambda w: review_submit(user=w["me"], title=w["title"], data=review_data("6")),
    "their review deleted": lambda w: review_delete(
        user=w["me"],
        review=review_submit(user=w["me"], title=w["other"], data=review_data("5")),
    ),
    "a helpful vote changed": lambda w: review_vote(user=w["me"], review=w["review"],
                                                    helpful=False),
    "a helpful vote taken back": lambda w: review_vote_withdraw(user=w["me"],
                                                                review=w["review"]),
    "a favorite": lambda w: favorite_title_set(user=w["me"], title=w["title"], favorite=True),
    "a new list": lambda w: custom_list_create(user=w["me"], name="Rainy days"),
    "a list renamed": lambda w: custom_list_update(user=w["me"], custom_list=w["list"],
                                                   name="Calm nights", description="",
                                                   is_private=False),
    "a list deleted": lambda w: custom_list_delete(user=w["me"], custom_list=w["list"]),
    "a like taken back": lambda w: comment_like(user=w["me"], comment=w["comment"],
                                                liked=False),
    "a recommendation vote taken back": lambda w: recommendation_unvote(
        user=w["me"], recommendation=w["recommendation"]),
    "their own reason for a pair": lambda w: recommendation_add(
        user=w["me"], title=w["title"], other=w["other"], reason=REASON + " Also."),
    "their reason removed": _reason_removed,
    "their report dismissed by a moderator": _closed,
}  # fmt: skip


def page(browser: Client, url: str) -> str:
    """The page with its form token (one per response) written as TOKEN."""
    html = browser.get(url).content.decode()
    tokens = set(TOKEN.findall(html))
    assert len(tokens) <= 1
    return html.replace(tokens.pop(), "TOKEN") if tokens else html


@pytest.mark.parametrize("write", MINE, ids=list(MINE))
def test_each_write_of_the_member_shows_on_their_next_page(client, settings, world, write):
    me, url = world["me"], world["title"].get_absolute_url()
    client.force_login(me)
    page(client, url)  # their page is stored
    before = versions([member_version(me.pk)])

    MINE[write](world)

    assert versions([member_version(me.pk)]) != before
    stored = page(client, url)
    settings.PAGE_CACHE = False
    assert stored == page(client, url)


def test_the_stored_page_is_read_back_until_the_member_writes(client, world):
    me, url = world["me"], world["title"].get_absolute_url()
    client.force_login(me)
    first = page(client, url)
    again = page(client, url)

    assert again == first
    assert "your rating 7.0" in again


def test_others_writes_move_the_page_but_not_the_members_own_version(client, world):
    me, url = world["me"], world["title"].get_absolute_url()
    client.force_login(me)
    page(client, url)
    before = versions([member_version(me.pk)])

    comment_post(author=world["writer"], target=world["title"], body="A second look.")
    list_entry_save(user=world["writer"], title=world["title"], status="completed",
                    score=Decimal("4"))  # fmt: skip

    assert versions([member_version(me.pk)]) == before
    assert "A second look." in page(client, url)


def test_the_bell_is_filled_on_every_request(client, world):
    me, url = world["me"], world["title"].get_absolute_url()
    mine = comment_post(author=me, target=world["title"], body="Mine to answer.")
    client.force_login(me)
    quiet = page(client, url)
    before = versions([member_version(me.pk)])

    comment_post(author=world["writer"], target=world["other"], body="Not on this page.",
                 parent_id=None)  # fmt: skip
    comment_post(author=world["writer"], target=world["title"], body="An answer.",
                 parent_id=mine.pk)  # fmt: skip

    assert versions([member_version(me.pk)]) == before
    assert 'class="site-bell-count' not in quiet
    assert 'class="site-bell-count' in page(client, url)


def test_each_response_has_a_token_of_its_own_that_the_site_accepts(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world["me"])
    url = world["title"].get_absolute_url()
    tokens = []
    for _ in range(2):
        html = browser.get(url).content.decode()
        assert stand_in() not in html
        tokens.append(TOKEN.search(html).group(1))

    assert tokens[0] != tokens[1]  # masked afresh, as Django does on every page
    rated = browser.post(f"/titles/{world['title'].pk}/rate/",
                         {"status": "completed", "score": "8.0",
                          "csrfmiddlewaretoken": tokens[1]})  # fmt: skip
    assert rated.status_code in (200, 302)
    assert "your rating 8.0" in browser.get(url).content.decode()


def test_a_new_list_is_offered_on_every_page_at_once(client, world):
    """The names of a member's lists are kept under their own version (core/personal.py
    `remembered`): a new one is offered by "Add to a list" on the next page, whichever."""
    me = world["me"]
    client.force_login(me)
    for title in (world["title"], world["other"]):
        assert "Rainy days" not in page(client, title.get_absolute_url())

    custom_list_create(user=me, name="Rainy days")

    for title in (world["title"], world["other"]):
        assert '">Rainy days</option>' in page(client, title.get_absolute_url())


def test_one_kept_markup_of_a_part_serves_every_title_and_page(client, world, title_factory):
    """A member's parts that differ from page to page only by an address or a title's id are
    kept once (core/personal.py `Viewer.render`, `then`), and each page gets its own."""
    personal._kept.clear()
    client.force_login(world["me"])
    titles = [world["other"], title_factory(title="Still Lake")]
    for title in titles:
        html = page(client, title.get_absolute_url())
        rate = reverse("reviews:rate", args=[title.pk])
        post = reverse("comments:post", args=[ContentType.objects.get_for_model(Title).pk,
                                              title.pk])  # fmt: skip
        assert f'action="{rate}"' in html
        assert f'action="{post}"' in html
        assert f'name="next" value="{title.get_absolute_url()}"' in html  # Sign out comes back
        assert str(ID_STAND_IN) not in html and stand_in("here") not in html
        add = reverse("lists:item_add", args=[title.pk])
        assert f'action="{add}"' in html
        favorite = reverse("lists:favorite", args=["title", title.pk])
        assert f'action="{favorite}"' in html
        write = reverse("reviews:review_write", args=[title.pk])
        assert f'href="{write}"' in html
    kept = Counter(key[0] for key in personal._kept)
    for template in ["reviews/_your_entry.html", "comments/_post_form.html",
                     "reviews/_write_link.html", "lists/_add_to_list.html"]:  # fmt: skip
        assert kept[template] == 1, template
    assert kept["accounts/_nav.html"] == 2  # the bar's and the phone menu's
