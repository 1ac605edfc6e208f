"""What a CDN in front of the site may rely on, for every page the page cache serves.

A shared cache keeps a response that says `public`, `s-maxage` or a bare `max-age` for everyone
who asks: one that also set a cookie would be refused, or would hand one visitor's cookie to
all the others. And a browser that got a compressed page (whose ETag Django's GZipMiddleware
weakens to `W/"…"`) revalidates with that weak tag, which must still get 304.

The pages are found from the URL resolver: any address whose view goes through `cached_page`
must have an entry in PAGES, so a new kind of page cannot be left out; the few views that call
a cached view inside are named in CACHED_INSIDE.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from comments.models import Comment
from comments.services import comment_post
from core.page_cache import VISITOR_PREFIX, cached_page, depends_on
from news.models import Article
from reviews.models import Review
from reviews.services import review_submit
from tests.factories import CreditFactory, TitleFactory, UserFactory
from tests.news.factories import ArticleFactory
from tests.recommendations.factories import RecommendationFactory
from titles.models import Episode, Person, Title

pytestmark = pytest.mark.django_db


@dataclass
class Site:
    """One of each thing a cached page shows: a title with a review, a recommendation, a
    comment, an article and a credited person, each by or about someone else."""

    title: Title
    person: Person
    review: Review
    comment: Comment
    article: Article
    episode: Episode


@pytest.fixture
def site() -> Site:
    title = TitleFactory(title="Quiet Harbour")
    author = UserFactory(username="author")
    review = review_submit(user=author, title=title, data={
        "headline": "Slow and kind",
        "body": "A patient story about a town that waits for its ferry. " * 6,
        "is_spoiler": False,
        "episodes_seen": 12,
        "rewatch": Decimal("7"),
        **dict.fromkeys(("overall", "story", "acting", "music"), Decimal("8")),
    })  # fmt: skip
    RecommendationFactory(title=title, user=author)
    comment = comment_post(author=author, target=title, body="The last episode stays with you.")
    article = ArticleFactory(titles=[title])
    person = CreditFactory(title=title).person
    episode = Episode.objects.create(title=title, number=1)
    comment_post(author=author, target=episode, body="The ferry scene, at last.")
    return Site(title=title, person=person, review=review, comment=comment, article=article,
                episode=episode)  # fmt: skip


# Every cached page by its address's name, and how to reach it.
PAGES: dict[str, Callable[[Site], str]] = {
    "front:home": lambda site: reverse("front:home"),
    "front:title": lambda site: site.title.get_absolute_url(),
    "front:title_bare": lambda site: reverse("front:title_bare", args=[site.title.pk]),
    "front:browse": lambda site: reverse("front:browse"),
    "front:people": lambda site: reverse("front:people"),
    "front:top": lambda site: reverse("front:top"),
    "front:popular": lambda site: reverse("front:popular"),
    "front:airing": lambda site: reverse("front:airing"),
    "front:upcoming": lambda site: reverse("front:upcoming"),
    "titles:cast": lambda site: reverse("titles:cast", args=[site.title.pk, site.title.slug]),
    "titles:history": lambda site: reverse("titles:history", args=[site.title.pk, site.title.slug]),
    "titles:episodes": lambda site: reverse(
        "titles:episodes", args=[site.title.pk, site.title.slug]
    ),
    "titles:person": lambda site: site.person.get_absolute_url(),
    "titles:search": lambda site: reverse("titles:search") + "?q=harbour",
    "titles:suggest": lambda site: reverse("titles:suggest") + "?q=harbour",
    "titles:person_bare": lambda site: reverse("titles:person_bare", args=[site.person.pk]),
    "reviews:title_reviews": lambda site: reverse(
        "reviews:title_reviews", args=[site.title.pk, site.title.slug]
    ),
    "front:review": lambda site: site.review.get_absolute_url(),
    "front:episode": lambda site: site.episode.get_absolute_url(),
    "news:index": lambda site: reverse("news:index"),
    "news:article": lambda site: site.article.get_absolute_url(),
    "news:article_bare": lambda site: reverse("news:article_bare", args=[site.article.pk]),
    "comments:thread": lambda site: site.comment.get_absolute_url(),
    "front:schedule": lambda site: reverse("front:schedule"),
}
# Addresses whose view hands most requests to a cached view of its own, which the resolver
# cannot see: the schedule's shared page (a member's "my titles only" is theirs alone).
CACHED_INSIDE = {"front:schedule"}
# Addresses without the slug, which send everybody to the one with it.
REDIRECTS = {"front:title_bare", "titles:person_bare", "news:article_bare"}
PAGES_SHOWN = sorted(set(PAGES) - REDIRECTS)
# Too short for compression to pay (GZipMiddleware leaves them as they are).
FRAGMENTS = {"titles:suggest"}

# Who reads a page: visitors with and without stale cookies (a session that has ended, whose
# cookie the site deletes; a form-token cookie Django cannot read, which it replaces), and a
# signed-in member.
VISITOR, MEMBER = "a visitor", "a member"
READERS = (VISITOR, MEMBER, "a visitor whose session ended", "a visitor with a bad form token")


def cached_addresses() -> set[str]:
    """The names of every address whose view goes through `cached_page`."""
    wrapper = cached_page(depends_on())(lambda request: HttpResponse()).__code__
    found: set[str] = set()

    def walk(patterns: list, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                walk(pattern.url_patterns, inner)
                continue
            assert isinstance(pattern, URLPattern)
            view = pattern.callback
            while view is not None and getattr(view, "__code__", None) is not wrapper:
                view = getattr(view, "__wrapped__", None)
            if view is not None:
                found.add(":".join(filter(None, [namespace, pattern.name or str(pattern)])))

    walk(get_resolver().url_patterns, "")
    return found


def reader(who: str) -> Client:
    client = Client()
    if who == MEMBER:
        client.force_login(UserFactory())
    elif who == "a visitor whose session ended":
        client.cookies["sessionid"] = "ended0session0key0that0nobody0holds"
    elif who == "a visitor with a bad form token":
        client.cookies["csrftoken"] = "not-a-token"
    return client


def directives(response: HttpResponse) -> set[str]:
    value = response.get("Cache-Control", "")
    return {part.split("=")[0].strip().lower() for part in value.split(",") if part.strip()}


def shared_caches_may_keep(response: HttpResponse) -> bool:
    found = directives(response)
    return not found & {"private", "no-store"} and bool(found & {"public", "s-maxage", "max-age"})


def test_every_cached_page_is_listed_here():
    assert cached_addresses() | CACHED_INSIDE == set(PAGES)


@pytest.mark.parametrize("first", [VISITOR, MEMBER])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_response_a_shared_cache_may_keep_sets_a_cookie(site, name, first):
    """The first reader renders the page (a miss); then each kind of reader gets it stored."""
    url = PAGES[name](site)
    seen = []
    for who in (first, *READERS):
        response = reader(who).get(url)
        cookies = sorted(response.cookies)
        seen.append((who, response.get("X-Page-Cache"), response.get("Cache-Control"), cookies))
        assert not (cookies and shared_caches_may_keep(response)), seen
        if cookies:
            assert "private" in directives(response), seen
        if who == VISITOR and name not in REDIRECTS:
            assert shared_caches_may_keep(response), seen  # the CDN still keeps visitors' pages

    states = [state for _, state, _, _ in seen]
    expected = [None] * len(seen) if name in REDIRECTS else ["miss"] + ["hit"] * (len(seen) - 1)
    assert states == expected, seen


@pytest.mark.parametrize("name", PAGES_SHOWN)
def test_a_visitors_stored_page_holds_no_form_token_for_the_next_visitor(site, name):
    url = PAGES[name](site)
    first = Client().get(url)
    second = Client().get(url)

    stored = cache.get(VISITOR_PREFIX + first["ETag"])
    assert stored is not None
    html = stored[0].decode()
    assert "csrfmiddlewaretoken" not in html
    assert "X-CSRFToken" not in html
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert not second.cookies


@pytest.mark.parametrize("name", sorted(set(PAGES_SHOWN) - FRAGMENTS))
def test_a_browser_revalidates_a_compressed_page_with_its_weak_etag(site, name):
    url = PAGES[name](site)
    client = Client(headers={"Accept-Encoding": "gzip"})
    page = client.get(url)
    weak = page["ETag"]
    strong = weak.removeprefix("W/")
    assert page["Content-Encoding"] == "gzip"
    assert weak.startswith('W/"')

    sent = {
        "weak": weak,
        "strong": strong,
        "in a list": f'"0123", {weak}, W/"4567"',
        "any": "*",
        "another, weak": 'W/"0123"',
        "another, strong": '"0123"',
        "others in a list": '"0123", W/"4567"',
    }
    statuses = {
        form: client.get(url, headers={"If-None-Match": tag}).status_code
        for form, tag in sent.items()
    }

    assert statuses == {
        "weak": 304,
        "strong": 304,
        "in a list": 304,
        "any": 304,
        "another, weak": 200,
        "another, strong": 200,
        "others in a list": 200,
    }
