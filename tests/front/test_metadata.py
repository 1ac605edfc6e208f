"""Canonical addresses, robots and sharing cards in every page's head."""

from html import unescape

import pytest

from news.models import Article
from reviews.models import Review
from reviews.services import list_entry_save
from tests.front.metadata_helpers import read_head
from tests.news.factories import ArticleFactory
from titles.models import Person, Title

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def canonical(client, path):
    return read_head(client.get(path)).links.get("canonical")


def robots(client, path):
    return read_head(client.get(path)).meta.get("robots", [])


@pytest.fixture
def review(title_factory, user_factory):
    return Review.objects.create(
        user=user_factory(username="writer"),
        title=title_factory(title="Reviewed Drama", synopsis="A quiet town keeps a secret."),
        headline="Slow but worth it",
        body="It takes its time, and the time is well spent. " * 4,
        **dict.fromkeys(["overall", "story", "acting", "music", "rewatch"], "8.5"),
    )


def test_a_page_names_its_own_address_without_sorting_or_stray_parameters(client, review):
    title = review.title
    assert canonical(client, "/") == f"{BASE}/"
    assert canonical(client, f"{title.get_absolute_url()}?cpage=2") == (
        f"{BASE}{title.get_absolute_url()}"
    )
    reviews = f"{title.get_absolute_url()}reviews/"
    assert canonical(client, f"{reviews}?sort=newest&utm_source=x") == f"{BASE}{reviews}"
    assert canonical(client, "/titles/?genre=romance&sort=newest") == f"{BASE}/titles/"
    assert canonical(client, review.get_absolute_url()) == f"{BASE}{review.get_absolute_url()}"
    assert canonical(client, "/people/") == f"{BASE}/people/"


def test_a_list_keeps_its_page_number_but_not_the_first_page(client):
    assert canonical(client, "/top/?page=3") == f"{BASE}/top/?page=3"
    assert canonical(client, "/top/?page=1") == f"{BASE}/top/"
    assert canonical(client, "/news/?page=nonsense") == f"{BASE}/news/"


def test_searches_forms_and_sorted_lists_are_not_indexed(client, review, user):
    for path in [
        "/search/?q=drama",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/people/?q=kim",
        "/titles/?sort=newest",
        "/top/?country=JP",
        f"{review.title.get_absolute_url()}reviews/?sort=lowest",
    ]:
        assert robots(client, path) == ["noindex, follow"], path
    client.force_login(user)
    for path in [f"/titles/{review.title.pk}/review/", f"/titles/{review.title.pk}/my-entry/"]:
        assert robots(client, path) == ["noindex, follow"], path


def test_members_only_pages_are_not_indexed(client, review, user):
    entry = list_entry_save(user=user, title=review.title, status="plan_to_watch", score=None)
    client.force_login(user)
    assert robots(client, f"/list/{entry.pk}/remove/") == ["noindex, follow"]
    assert robots(client, f"/report/review/{review.pk}/") == ["noindex, follow"]


def test_pages_worth_finding_are_indexed(client, review):
    for path in ["/", "/titles/", "/titles/?page=2", review.title.get_absolute_url(),
                 review.get_absolute_url(), "/people/", "/news/", "/help/ratings/"]:  # fmt: skip
        assert robots(client, path) == [], path


def test_an_error_page_is_not_indexed_and_names_no_address(client, db):
    response = client.get("/titles/999999-gone/")
    head = read_head(response)
    assert response.status_code == 404
    assert head.meta["robots"] == ["noindex, follow"]
    assert "canonical" not in head.links


def test_a_title_shares_as_a_card(client, review):
    title = review.title
    head = read_head(client.get(title.get_absolute_url())).meta
    assert head["og:title"] == [str(title)]
    assert head["og:type"] == ["video.tv_show"]
    assert head["og:url"] == [f"{BASE}{title.get_absolute_url()}"]
    assert head["og:description"] == ["A quiet town keeps a secret."]
    assert head["description"] == head["og:description"]
    assert head["og:image"] == [f"{BASE}/static/img/og-default.png"]
    assert head["twitter:card"] == ["summary_large_image"]


def test_a_poster_or_photo_is_the_cards_image(client, title_factory, person_factory):
    # Stored names only: the card needs the file's address, never the file itself.
    title, person = title_factory(), person_factory()
    Title.objects.filter(pk=title.pk).update(poster="posters/poster.jpg")
    Person.objects.filter(pk=person.pk).update(photo="people/photo.jpg")
    title_head = read_head(client.get(title.get_absolute_url())).meta
    person_head = read_head(client.get(person.get_absolute_url())).meta
    assert title_head["og:image"] == [f"{BASE}/media/posters/poster.jpg"]
    assert title_head["twitter:card"] == ["summary"]
    assert person_head["og:image"] == [f"{BASE}/media/people/photo.jpg"]
    assert person_head["og:type"] == ["profile"]
    assert person_head["og:title"] == [person.name]


def test_a_review_shares_as_an_article(client, review):
    head = read_head(client.get(review.get_absolute_url())).meta
    assert head["og:type"] == ["article"]
    assert head["og:title"] == ["Review of Reviewed Drama by writer"]
    assert head["og:description"][0].startswith("Slow but worth it. It takes its time")
    assert head["og:url"] == [f"{BASE}{review.get_absolute_url()}"]
    assert head["twitter:card"] == ["summary_large_image"]


def test_a_spoiler_review_shares_no_words_of_its_body(client, review):
    Review.objects.filter(pk=review.pk).update(is_spoiler=True)
    head = read_head(client.get(review.get_absolute_url())).meta
    assert "It takes its time" not in head["og:description"][0]
    assert "It takes its time" not in head["description"][0]
    assert "spoilers" in head["og:description"][0]


def test_an_article_shares_with_its_image_and_date(client, db):
    article: Article = ArticleFactory(image_alt="A pier at dusk")
    Article.objects.filter(pk=article.pk).update(image="news/picture.png")
    head = read_head(client.get(article.get_absolute_url())).meta
    assert head["og:type"] == ["article"]
    assert head["og:title"] == [article.headline]
    assert head["og:description"] == [article.blurb]
    assert head["og:image"] == [f"{BASE}/media/news/picture.png"]
    assert head["og:image:alt"] == ["A pier at dusk"]
    assert head["article:published_time"] == [article.published_at.isoformat()]


def test_other_pages_carry_the_sites_card(client, db):
    head = read_head(client.get("/top/")).meta
    assert head["og:site_name"] == ["dramadb"]
    assert head["og:type"] == ["website"]
    assert head["og:url"] == [f"{BASE}/top/"]
    assert head["og:image"] == [f"{BASE}/static/img/og-default.png"]


@pytest.mark.parametrize(
    "address",
    ["/", "/titles/", "/top/", "/popular/", "/airing/", "/people/", "/news/", "/help/ratings/",
     "cast", "reviews", "recommendations", "history", "list", "member reviews"],
)  # fmt: skip
def test_every_page_shares_a_title_and_description_as_its_head_says_them(client, review, address):
    """A large card (twitter:card summary_large_image) shows nothing without a title: every
    page without one of its own repeats its <title> and meta description."""
    title, member = review.title, review.user
    address = {
        "cast": f"/titles/{title.pk}-{title.slug}/cast/",
        "reviews": f"/titles/{title.pk}-{title.slug}/reviews/",
        "recommendations": f"/titles/{title.pk}/recommendations/",
        "history": f"/titles/{title.pk}-{title.slug}/history/",
        "list": f"/users/{member.username}/list/",
        "member reviews": f"/users/{member.username}/reviews/",
    }.get(address, address)
    response = client.get(address)
    assert response.status_code == 200, address
    html = response.content.decode()
    head = read_head(html).meta
    page_title = html[html.index("<title>") + 7 : html.index("</title>")]
    assert head["og:title"] == [unescape(page_title).removesuffix(" · dramadb")], address
    assert head["og:title"][0].strip()
    assert head["og:description"] == head["description"], address
    assert head["og:description"][0].strip()
