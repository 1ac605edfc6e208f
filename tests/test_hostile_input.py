"""Hostile input everywhere: every GET parameter of every page and every field of every form
receives a corpus of hostile values (markup, script, quotes, SQL, NUL and control characters,
very long text, unicode edge cases, numbers out of range). Whatever comes back, it is never a
server error, a refusal says why in words, a refused write changes nothing, and no value is
ever echoed unescaped.

Each parameter and each field is a test of its own, on a site of its own, so that a parallel
run spreads the thousands of requests over every core.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.template.base import Template
from django.test import Client

from comments.services import comment_post
from imports.models import Import, ImportRow
from lists.services import custom_list_add, custom_list_create
from social import services as social
from tests.news.factories import ArticleFactory
from tests.recommendations.factories import RecommendationFactory
from tests.reviews.factories import ReviewFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SCRIPT = "<script>alert('dramadb')</script>"
HOSTILE = [
    # markup and script
    SCRIPT,
    f'"><{SCRIPT[1:]}',
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "<iframe src=//example.com>",
    "<a href='//evil.example'>x</a>",
    "{{ 7*7 }}",
    "{% debug %}",
    "${7*7}",
    "<!--",
    "]]>",
    "&lt;b&gt;",
    "<b>bold</b>",
    "<style>*{display:none}</style>",
    "data:text/html,<script>1</script>",
    # quotes and SQL
    "'",
    '"',
    "`",
    "';--",
    "' OR '1'='1",
    '" OR "1"="1',
    "1; DROP TABLE titles_title;--",
    "1 UNION SELECT password FROM accounts_user",
    "%' AND 1=1 --",
    "\\",
    "\\'",
    "%",
    "_",
    "%%",
    "%s",
    "%(x)s",
    "{0}",
    "%n%n%n",
    "' || pg_sleep(5) --",
    "$$",
    "E'\\x00'",
    # NUL and control characters
    "\x00",
    "a\x00b",
    "\x01\x02\x03",
    "\x07",
    "\x08",
    "\t",
    "\n",
    "\r\n",
    "\x0b\x0c",
    "\x1b[31mred",
    "\x7f",
    "\u0085",
    "\u2028",
    "\u2029",
    "line\nbreak",
    " ",
    "   ",
    # very long
    "x" * 101,
    "x" * 1_001,
    "y" * 10_001,
    "z" * 100_001,
    "é" * 5_000,
    "👩‍👩‍👧" * 2_000,
    "a " * 30_000,
    "9" * 400,
    # unicode edge cases
    "\u202egnp.exe",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\ufffd",
    "\uffff",
    "e\u0301" * 50,
    "ｆｕｌｌ",
    "Ａｄｍｉｎ",
    "аdmin",
    "İ",
    "ß",
    "ﬀ",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "🙂",
    "👍🏽",
    "1 リットルの涙",
    "사랑의 불시착",
    "爱",
    "مرحبا",
    "שלום",
    "ᚠᛇᚻ",
    "Z̴̡̢͖a̷l̸g̵o̶",
    # numbers and dates out of range
    "0",
    "-1",
    "-0",
    "1.5",
    "10.5",
    "7.3",
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    "-inf",
    "99999999999999999999",
    "32768",
    "2147483648",
    "9223372036854775808",
    "0x1F",
    "1_000",
    "²",
    "١٢",
    "Ⅻ",
    "1,5",
    "+1",
    " 1 ",
    "1e-400",
    "true",
    "false",
    "null",
    "None",
    "[]",
    "{}",
    "[1,2]",
    '{"a": 1}',
    "0000-00-00",
    "2005-13-40",
    "9999-12-31",
    "1-1-1",
    "2005-10-11T25:61",
    "yesterday",
    # paths and addresses
    "../../etc/passwd",
    "/accounts/login/",
    "//evil.example",
    "https://evil.example/",
    "\\\\evil.example",
    "/\\evil.example",
    "mailto:x@example.com",
    "@",
    "a@b",
    "x@" + "y" * 300,
    # members' formatting (core/markup.py): mentions, links, images, spoilers
    "@nobody_by_that_name",
    "@blocker look at this",
    "@a " * 500,
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](https://evil.example/x.png)",
    '<a href="javascript:alert(1)">x</a>',
    "||a ||b|| c||",
    "||unclosed spoiler",
    "**||x**||",
    "> quote\n- list\n1. item\n\n`code`",
]
assert len(HOSTILE) >= 100
# Markup that would run: an event handler attribute (the site's pages have none of their own:
# the Content-Security-Policy forbids inline script), or a link to script.
SCRIPT_SCHEME = re.compile(r"\s*(javascript|data|vbscript):", re.I)


class _Executable(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") or (
                name in ("href", "src", "action", "formaction") and SCRIPT_SCHEME.match(value or "")
            ):
                self.found.append(f"<{tag} {name}={(value or '')[:30]!r}>")


def executable(html: str) -> list[str]:
    parser = _Executable()
    parser.feed(html)
    return parser.found


@pytest.fixture(scope="module")
def shared_client():
    """One client for the module: its handler loads the middleware (static files included) once
    per process instead of once per test."""
    return Client(raise_request_exception=False)


@pytest.fixture
def site(title_factory, user_factory, settings, shared_client):
    """A little of everything, and a member signed in for the forms."""
    settings.COMMENT_RATE_LIMIT_SECONDS = 0
    settings.REVIEW_RATE = settings.VOTE_RATE = settings.RECOMMENDATION_RATE = "1000000/s"
    settings.SIGNUP_RATE = "1000000/s"
    settings.PASSWORD_RESET_RATE_PER_ADDRESS = settings.PASSWORD_RESET_RATE_PER_CLIENT = "1000000/s"
    settings.AXES_ENABLED = False  # sign-in lockout has its own tests; here it would stop at 5
    settings.API_RATE_ANONYMOUS = settings.API_RATE_TOKEN = None  # tested in tests/api
    title = title_factory(title="Hostile Ground", episodes=10)
    other = title_factory(title="Other Ground")
    member = user_factory(username="tester")
    member.set_password("correct horse battery staple")
    member.save()
    social.block(blocker=user_factory(username="blocker"), blocked=member)
    user_factory(username="followed")
    review = ReviewFactory(title=title)
    comment = comment_post(author=member, target=title, body="A first comment.", is_spoiler=False)
    theirs = comment_post(author=user_factory(), target=title, body="Someone else's comment.")
    job = Import.objects.create(user=member, source="csv", source_label="Spreadsheet (CSV)",
                                stage=Import.Stage.REVIEW, status=Import.Status.DONE)  # fmt: skip
    ImportRow.objects.create(job=job, number=1, names=["Hostile Grund"], match="ambiguous",
                             candidates=[title.pk])  # fmt: skip
    recommendation = RecommendationFactory(title=title, other=other)
    article = ArticleFactory(titles=[title])
    custom_list = custom_list_create(user=member, name="Hostile picks")
    custom_list_add(user=member, custom_list=custom_list, title=title)
    client = shared_client
    client.cookies.clear()
    client.force_login(member)
    return {
        "client": client, "title": title, "other": other, "member": member, "review": review,
        "comment": comment, "theirs": theirs, "job": job,
        "recommendation": recommendation, "article": article,
        "custom_list": custom_list, "list_url": custom_list.get_absolute_url(),
        "content_type": ContentType.objects.get_for_model(title),
        "title_url": title.get_absolute_url(),
        "recommendation_url": recommendation.get_absolute_url(),
        "article_url": article.get_absolute_url(),
    }  # fmt: skip


@pytest.fixture(autouse=True)
def templates_render_as_in_production(monkeypatch):
    """The corpus reads no template contexts, so the test copy of every context that Django's
    test set-up takes on each render (a tenth of the time here) is left out."""
    monkeypatch.setattr(Template, "_render", lambda self, context: self.nodelist.render(context))


# Every page that reads GET parameters, with the parameters it reads; addresses are filled in
# from the site's objects.
PAGES = [
    ("/", ["page"]),
    ("/search/", ["q", "page"]),
    ("{title_url}", ["cpage"]),
    ("/titles/{title.pk}-{title.slug}/reviews/", ["sort", "page"]),
    ("/titles/{title.pk}-{title.slug}/cast/", ["x"]),
    ("/titles/{title.pk}-{title.slug}/episodes/", ["x"]),
    ("/schedule/", ["week", "country", "mine"]),
    ("{list_url}", ["page"]),
    ("/titles/{title.pk}/recommendations/", ["page"]),
    ("/titles/{title.pk}/recommendations/new/", ["q", "other"]),
    ("/recommendations/title-search/", ["q", "for", "other"]),
    ("{recommendation_url}", ["page"]),
    ("/comments/{comment.pk}/", ["page"]),
    ("/users/tester/list/", ["status", "page"]),
    ("/users/tester/reviews/", ["page"]),
    ("/news/", ["title", "page"]),
    ("{article_url}", ["x"]),
    ("/titles/", ["country", "type", "genre", "tag", "network", "year_from", "year_to", "status",
                  "sort", "page"]),
    ("/top/", ["country", "type", "page"]),
    ("/airing/", ["page"]),
    ("/people/", ["q", "page"]),
    ("/search/suggest/", ["q"]),
    ("/accounts/login/", ["next"]),
    ("/accounts/signup/", ["next"]),
    ("/notifications/", ["page"]),
    ("/feed/", ["page"]),
    ("/notifications/unsubscribe/x/", ["x"]),
    ("/accounts/settings/import/{job.pk}/", ["show", "page"]),
    ("/accounts/settings/import/{job.pk}/rows/1/", ["name"]),
    ("/api/v1/titles", ["country", "type", "genre", "tag", "network", "year_from", "year_to",
                        "status", "sort", "cursor", "limit"]),
    ("/api/v1/titles/{title.pk}/reviews", ["sort", "cursor", "limit"]),
    ("/api/v1/search", ["q"]),
    ("/api/v1/users/tester/list", ["status", "cursor", "limit"]),
    ("/api/v1/users/tester/lists", ["cursor", "limit"]),
]  # fmt: skip
# Every value to every parameter: thousands of requests, whatever is added or taken away.
GET_PARAMETERS = [(path, name) for path, names in PAGES for name in names]
assert len(GET_PARAMETERS) * len(HOSTILE) >= 5_000

REVIEW = {"overall": "8.0", "story": "8.0", "acting": "8.0", "music": "8.0", "rewatch": "8.0",
          "headline": "Fine", "body": "x" * 120, "episodes_seen": "10"}  # fmt: skip
# Every form: where it posts, valid data, and the models a refusal must leave alone; addresses
# and values are filled in from the site's objects.
FORMS = [
    ("/titles/{title.pk}/rate/", {"score": "8.0", "status": "watching"}, ["reviews.ListEntry"]),
    (
        "/titles/{title.pk}/my-entry/",
        {
            "status": "watching",
            "score": "7.0",
            "episodes_seen": "3",
            "started_on": "2024-01-01",
            "finished_on": "",
            "note": "Kept to myself.",
            "rewatch_count": "1",
            "priority": "high",
            "is_private": "on",
            "next": "/",
        },
        ["reviews.ListEntry"],
    ),
    ("/titles/{title.pk}/progress/", {"next": "/"}, ["reviews.ListEntry"]),
    ("/favorites/title/{title.pk}/", {"favorite": "1", "next": "/"}, ["lists.FavoriteTitle"]),
    (
        "/lists/new/",
        {"name": "Weekend picks", "description": "Short ones.", "is_private": ""},
        ["lists.CustomList"],
    ),
    (
        "/lists/{custom_list.pk}/edit/",
        {"name": "Renamed", "description": "Still short.", "is_private": ""},
        ["lists.CustomList"],
    ),
    (
        "/titles/{other.pk}/add-to-list/",
        {"custom_list": "{custom_list.pk}", "note": "Bring tissues."},
        ["lists.CustomListItem"],
    ),
    (
        "/lists/{custom_list.pk}/titles/{title.pk}/",
        {"action": "down", "next": "/"},
        ["lists.CustomListItem"],
    ),
    (
        "/lists/{custom_list.pk}/titles/{title.pk}/note/",
        {"note": "The hospital scenes.", "next": "/"},
        ["lists.CustomListItem"],
    ),
    ("/titles/{title.pk}/review/", REVIEW, ["reviews.Review"]),
    ("/reviews/{review.pk}/vote/", {"helpful": "yes", "next": "/"}, ["reviews.ReviewVote"]),
    (
        "/comments/post/{content_type.pk}/{title.pk}/",
        {"body": "Hello there", "is_spoiler": "", "parent": "{comment.pk}"},
        ["comments.Comment"],
    ),
    ("/comments/{comment.pk}/edit/", {"body": "Edited"}, ["comments.Comment"]),
    ("/comments/{theirs.pk}/like/", {"liked": "yes"}, ["comments.CommentLike"]),
    ("/accounts/settings/import/{job.pk}/rows/1/", {"title": "{title.pk}"}, []),
    ("/accounts/settings/api/", {"name": "my script"}, ["api.ApiToken"]),
    ("/notifications/settings/", {"kinds": "reply", "digest": "on"}, ["social.Inbox"]),
    ("/users/followed/follow/", {"follow": "yes"}, ["social.Follow"]),
    ("/users/followed/block/", {"block": "no"}, ["social.Block"]),
    (
        "/titles/{title.pk}/recommendations/new/",
        {"other": "{other.pk}", "reason": "r" * 80},
        ["recommendations.RecommendationReason"],
    ),
    (
        "/recommendations/{recommendation.pk}/vote/",
        {"next": "/"},
        ["recommendations.RecommendationVote"],
    ),
    ("/accounts/settings/profile/", {"bio": "Hello"}, ["accounts.User"]),
    ("/accounts/password/reset/", {"email": "tester@example.test"}, []),
    ("/accounts/login/", {"username": "tester", "password": "wrong", "next": "/"}, []),
    (
        "/accounts/signup/",
        {
            "username": "newbie",
            "email": "newbie@example.test",
            "password1": "correct horse battery staple",
            "password2": "correct horse battery staple",
            "next": "/",
        },
        ["accounts.User"],
    ),
]
FORM_FIELDS = [(path, valid, models, name) for path, valid, models in FORMS for name in valid]
assert len(FORM_FIELDS) * len(HOSTILE) >= 4_500


def looks_wrong(response, value: str) -> str:
    """Why a response to hostile input is not acceptable, or ""."""
    html = response.content.decode(errors="replace")
    if response.status_code >= 500:
        return f"status {response.status_code}"
    if SCRIPT in html and value.find(SCRIPT) >= 0:
        return "script echoed unescaped"
    if found := executable(html):
        return f"executable markup: {found[0]}"
    if response.status_code in (400, 401, 403, 404, 422, 429):
        readable = ('role="alert"', "invalid-feedback", "<h1", "alert-", '{"detail": ')
        if not any(marker in html for marker in readable):
            return f"status {response.status_code} without a message"
    return ""


def counts(labels: list[str]) -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in labels}


@pytest.mark.parametrize(
    ("path", "name"), GET_PARAMETERS, ids=[f"{path}?{name}" for path, name in GET_PARAMETERS]
)
def test_each_get_parameter_survives_the_corpus(site, path, name):
    client, url, problems = site["client"], path.format(**site), []
    for value in HOSTILE:
        response = client.get(url, {name: value})
        if why := looks_wrong(response, value):
            problems.append(f"GET {url}?{name}={value[:30]!r}: {why}")
    assert problems == [], f"{len(problems)} of {len(HOSTILE)} requests: {problems[:10]}"


@pytest.mark.parametrize(
    ("path", "valid", "models", "name"),
    FORM_FIELDS,
    ids=[f"{path}:{name}" for path, _, _, name in FORM_FIELDS],
)
def test_each_form_field_survives_the_corpus(site, path, valid, models, name):
    client, url, problems = site["client"], path.format(**site), []
    valid = {field: value.format(**site) for field, value in valid.items()}
    before = counts(models)
    for value in HOSTILE:
        response = client.post(url, {**valid, name: value})
        if why := looks_wrong(response, value):
            problems.append(f"POST {url} {name}={value[:30]!r}: {why}")
        after = counts(models)  # and the counts before the next request
        if response.status_code >= 400 and after != before:
            problems.append(f"POST {url} {name}={value[:30]!r}: refused, yet saved")
        before = after
        if url == "/accounts/signup/":
            client.force_login(site["member"])  # a sign-up signs the newcomer in
    assert problems == [], f"{len(problems)} of {len(HOSTILE)} requests: {problems[:10]}"
