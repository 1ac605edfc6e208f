"""Whole pages for visitors come from the cache, and every write shows at once.

Each test reads a page as a visitor (which stores it), writes through a service or the admin,
and reads again: the change is there, because the write moved a version the page's key names.
"""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from comments.services import comment_delete, comment_edit, comment_hide, comment_post
from core.versions import pages_changed
from recommendations.services import recommendation_add, recommendation_vote
from reviews.services import (
    list_entry_remove,
    list_entry_save,
    review_delete,
    review_submit,
    review_update,
    review_vote,
)
from tests.factories import UserFactory
from tests.titles.test_admin import title_form
from titles.models import Title

pytestmark = pytest.mark.django_db

REASON = "Both follow a family through a long illness with the same quiet honesty and warmth."


@pytest.fixture
def title(title_factory):
    return title_factory(title="Quiet Harbour", episodes=12)


def visit(client, url):
    """A visitor's read of the page: its HTML and whether it came from the cache."""
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), response.get("X-Page-Cache")


def review_data(overall="8", body="A patient story about a town that waits for its ferry. "):
    scores = {name: Decimal(overall) for name in ("overall", "story", "acting", "music")}
    return {
        "headline": "Slow and kind",
        "body": body * 6,
        "is_spoiler": False,
        "episodes_seen": 12,
        "rewatch": Decimal("7"),
        **scores,
    }


def test_a_visitor_gets_the_stored_page_the_second_time(client, title):
    first, state = visit(client, title.get_absolute_url())
    assert state == "miss"

    second, state = visit(client, title.get_absolute_url())

    assert state == "hit"
    assert second == first


def test_a_member_gets_the_stored_page_with_their_own_parts_and_it_stays_private(client, title):
    member = UserFactory()
    list_entry_save(user=member, title=title, status="watching", score=Decimal("6"))
    visitors_page, _ = visit(client, title.get_absolute_url())
    client.force_login(member)

    response = client.get(title.get_absolute_url())

    html = response.content.decode()
    assert response["X-Page-Cache"] == "hit"
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response
    assert "On your list: Watching, your rating 6" in html
    assert "Sign out" in html
    assert "csrfmiddlewaretoken" in html
    assert "csrfmiddlewaretoken" not in visitors_page


def test_an_htmx_request_is_never_answered_from_the_store(client, title):
    visit(client, title.get_absolute_url())

    response = client.get(title.get_absolute_url(), headers={"HX-Request": "true"})

    assert "X-Page-Cache" not in response


def test_a_visitors_page_may_be_kept_a_short_time_by_shared_caches(client, settings, title):
    response = client.get(title.get_absolute_url())

    assert "public" in response["Cache-Control"]
    assert f"max-age={settings.PAGE_CACHE_SECONDS}" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert "csrftoken" not in response.cookies


def test_the_page_is_not_modified_until_a_write_changes_it(client, title):
    url = title.get_absolute_url()
    tag = client.get(url)["ETag"]

    assert client.get(url, headers={"If-None-Match": tag}).status_code == 304

    list_entry_save(user=UserFactory(), title=title, status="completed", score=Decimal("7"))
    response = client.get(url, headers={"If-None-Match": tag})
    assert response.status_code == 200
    assert response["ETag"] != tag
    assert "Ratings: <strong>7.0</strong>/10 from 1 user" in response.content.decode()


def test_each_host_gets_its_own_copy_since_pages_name_their_address(client, settings, title):
    settings.ALLOWED_HOSTS = ["testserver", "www.testserver"]
    url = title.get_absolute_url()
    visit(client, url)

    response = client.get(url, headers={"Host": "www.testserver"})

    assert response["X-Page-Cache"] == "miss"
    assert f'href="http://www.testserver{url}"' in response.content.decode()


def test_the_colour_theme_gets_its_own_copy(client, title):
    url = title.get_absolute_url()
    visit(client, url)
    client.cookies["theme"] = "dark"

    html, state = visit(client, url)

    assert state == "miss"
    assert 'data-bs-theme="dark"' in html


def test_ratings_and_list_changes_show_at_once(client, title):
    url = title.get_absolute_url()
    member = UserFactory()
    visit(client, url)

    list_entry_save(user=member, title=title, status="watching", score=Decimal("6"))
    html, _ = visit(client, url)
    assert "Ratings: <strong>6.0</strong>/10 from 1 user" in html

    list_entry_save(user=member, title=title, status="completed", score=Decimal("9"))
    assert "Ratings: <strong>9.0</strong>/10 from 1 user" in visit(client, url)[0]
    assert "Score 9.0" in visit(client, "/titles/")[0]

    list_entry_remove(user=member, title=title)
    assert "no ratings yet" in visit(client, url)[0]


def test_reviews_and_helpful_votes_show_at_once(client, title):
    url = reverse("reviews:title_reviews", kwargs={"pk": title.pk, "slug": title.slug})
    author = UserFactory()
    visit(client, url)
    visit(client, title.get_absolute_url())

    review = review_submit(user=author, title=title, data=review_data())
    assert "Slow and kind" in visit(client, url)[0]
    assert "Slow and kind" in visit(client, title.get_absolute_url())[0]
    visit(client, review.get_absolute_url())

    review_update(user=author, review=review, data=review_data(body="Now I see it otherwise. "))
    assert "Now I see it otherwise." in visit(client, review.get_absolute_url())[0]

    review_vote(user=UserFactory(), review=review, helpful=True)
    assert "1 of 1 person found this review helpful" in visit(client, url)[0]

    review_delete(user=author, review=review)
    assert "Slow and kind" not in visit(client, url)[0]


def test_comments_show_at_once_when_posted_edited_hidden_and_deleted(client, title, settings):
    url = title.get_absolute_url()
    author, moderator = UserFactory(), UserFactory(is_staff=True, is_superuser=True)
    visit(client, url)

    comment = comment_post(author=author, target=title, body="The ferry scene got me.")
    assert "The ferry scene got me." in visit(client, url)[0]
    thread = comment.get_absolute_url()
    visit(client, thread)

    comment_edit(
        comment=comment, editor=author, body="The lighthouse scene got me.", is_spoiler=False
    )
    assert "The lighthouse scene got me." in visit(client, url)[0]
    assert "The lighthouse scene got me." in visit(client, thread)[0]

    comment_hide(comment=comment, moderator=moderator)
    assert "The lighthouse scene got me." not in visit(client, url)[0]

    second = comment_post(author=UserFactory(), target=title, body="Watching it again tonight.")
    assert "Watching it again tonight." in visit(client, url)[0]
    comment_delete(comment=second, user=second.author)
    assert "Watching it again tonight." not in visit(client, url)[0]


def test_recommendations_and_their_votes_show_at_once_on_both_titles(client, title, title_factory):
    other = title_factory(title="Lantern Street")
    visit(client, title.get_absolute_url())
    visit(client, other.get_absolute_url())

    recommendation = recommendation_add(user=UserFactory(), title=title, other=other, reason=REASON)
    assert "Lantern Street" in visit(client, title.get_absolute_url())[0]
    assert "Quiet Harbour" in visit(client, other.get_absolute_url())[0]

    recommendation_vote(user=UserFactory(), recommendation=recommendation)
    assert "(1)" in visit(client, title.get_absolute_url())[0].split("Lantern Street", 1)[1]
    # A page with recommendations is stored too: visitors' vote buttons carry no form token.
    assert visit(client, title.get_absolute_url())[1] == "hit"


def test_an_edit_in_the_admin_shows_at_once(editor_client):
    visitor = Client()
    editor_client.post("/admin/titles/title/add/", title_form())
    title = Title.objects.get()
    url = title.get_absolute_url()
    visit(visitor, url)

    data = title_form(synopsis="Edited in the admin.", **{"alternative_titles-TOTAL_FORMS": "0"})
    response = editor_client.post(f"/admin/titles/title/{title.pk}/change/", data)

    assert response.status_code == 302
    assert "Edited in the admin." in visit(visitor, url)[0]


def test_a_version_evicted_from_the_cache_only_causes_a_miss(client, title):
    from django.core.cache import cache

    from core.versions import forget_versions

    url = title.get_absolute_url()
    visit(client, url)
    cache.delete_many([f"page-version:titles.title:{title.pk}"])
    forget_versions()  # as a worker that has not read it yet

    assert visit(client, url)[1] == "miss"
    pages_changed()  # no keys: nothing moves
    assert visit(client, url)[1] == "hit"


@pytest.mark.slow  # loads the whole demo
def test_every_cached_page_of_the_demo_is_stored_for_visitors(client):
    """A visitor's page with a form token could not be stored: none of them has one."""
    from django.core.management import call_command

    from comments.models import Comment
    from news.models import Article
    from reviews.models import Review

    call_command("loaddemo", verbosity=0)
    seed = Title.objects.get(title="1 Litre of Tears")
    person = seed.credits.first().person
    pages = [
        "/",
        "/titles/",
        "/top/",
        "/popular/",
        "/airing/",
        "/upcoming/",
        "/people/",
        "/news/",
        seed.get_absolute_url(),
        f"{seed.get_absolute_url()}cast/",
        f"{seed.get_absolute_url()}reviews/",
        person.get_absolute_url(),
        Review.objects.filter(title=seed).first().get_absolute_url(),
        Comment.objects.filter(parent__isnull=True).first().get_absolute_url(),
        Article.objects.first().get_absolute_url(),
    ]
    for url in pages:
        html, _ = visit(client, url)
        assert "csrfmiddlewaretoken" not in html, url
        assert visit(client, url)[1] == "hit", url
