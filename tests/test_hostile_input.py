"""Hostile input everywhere: every GET parameter of every page and every field of every form
receives a corpus of hostile values (markup, script, quotes, SQL, NUL and control characters,
very long text, unicode edge cases, numbers out of range). Whatever comes back, it is never a
server error, a refusal says why in words, a refused write changes nothing, and no value is
ever echoed unescaped.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from comments.services import comment_post
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
]
assert len(HOSTILE) >= 100


@pytest.fixture
def site(title_factory, user_factory, settings):
    """A little of everything, and a member signed in for the forms."""
    settings.COMMENT_RATE_LIMIT_SECONDS = 0
    settings.REVIEW_RATE = settings.VOTE_RATE = settings.RECOMMENDATION_RATE = "1000000/s"
    settings.SIGNUP_RATE = "1000000/s"
    settings.PASSWORD_RESET_RATE_PER_ADDRESS = settings.PASSWORD_RESET_RATE_PER_CLIENT = "1000000/s"
    settings.AXES_ENABLED = False  # sign-in lockout has its own tests; here it would stop at 5
    title = title_factory(title="Hostile Ground", episodes=10)
    other = title_factory(title="Other Ground")
    member = user_factory(username="tester")
    member.set_password("correct horse battery staple")
    member.save()
    review = ReviewFactory(title=title)
    comment = comment_post(author=member, target=title, body="A first comment.", is_spoiler=False)
    recommendation = RecommendationFactory(title=title, other=other)
    article = ArticleFactory(titles=[title])
    client = Client(raise_request_exception=False)
    client.force_login(member)
    return {
        "client": client, "title": title, "other": other, "member": member, "review": review,
        "comment": comment, "recommendation": recommendation, "article": article,
        "content_type": ContentType.objects.get_for_model(title),
    }  # fmt: skip


def pages(s: dict) -> list[tuple[str, list[str]]]:
    """Every page that reads GET parameters, with the parameters it reads."""
    t, rec = s["title"], s["recommendation"]
    return [
        ("/", ["page"]),
        ("/search/", ["q", "page"]),
        (t.get_absolute_url(), ["cpage"]),
        (f"/titles/{t.pk}-{t.slug}/reviews/", ["sort", "page"]),
        (f"/titles/{t.pk}-{t.slug}/cast/", ["x"]),
        (f"/titles/{t.pk}/recommendations/", ["page"]),
        (f"/titles/{t.pk}/recommendations/new/", ["q", "other"]),
        ("/recommendations/title-search/", ["q", "for", "other"]),
        (rec.get_absolute_url(), ["page"]),
        (f"/comments/{s['comment'].pk}/", ["page"]),
        ("/users/tester/list/", ["status", "page"]),
        ("/users/tester/reviews/", ["page"]),
        ("/news/", ["title", "page"]),
        (s["article"].get_absolute_url(), ["x"]),
        (
            "/titles/",
            [
                "country",
                "type",
                "genre",
                "tag",
                "network",
                "year_from",
                "year_to",
                "status",
                "sort",
                "page",
            ],
        ),
        ("/top/", ["country", "type", "page"]),
        ("/airing/", ["page"]),
        ("/people/", ["q", "page"]),
        ("/search/suggest/", ["q"]),
        ("/accounts/login/", ["next"]),
        ("/accounts/signup/", ["next"]),
    ]


def forms(s: dict) -> list[tuple[str, dict[str, str], list[str]]]:
    """Every form: where it posts, valid data, and the models a refusal must leave alone."""
    t, ct = s["title"], s["content_type"]
    review_data = {"overall": "8.0", "story": "8.0", "acting": "8.0", "music": "8.0",
                   "rewatch": "8.0", "headline": "Fine", "body": "x" * 120,
                   "episodes_seen": "10"}  # fmt: skip
    return [
        (f"/titles/{t.pk}/rate/", {"score": "8.0", "status": "watching"}, ["reviews.ListEntry"]),
        (
            f"/titles/{t.pk}/my-entry/",
            {
                "status": "watching",
                "score": "7.0",
                "episodes_seen": "3",
                "started_on": "2024-01-01",
                "finished_on": "",
                "next": "/",
            },
            ["reviews.ListEntry"],
        ),
        (f"/titles/{t.pk}/review/", review_data, ["reviews.Review"]),
        (
            f"/reviews/{s['review'].pk}/vote/",
            {"helpful": "yes", "next": "/"},
            ["reviews.ReviewVote"],
        ),
        (
            f"/comments/post/{ct.pk}/{t.pk}/",
            {"body": "Hello there", "is_spoiler": "", "parent": str(s["comment"].pk)},
            ["comments.Comment"],
        ),
        (f"/comments/{s['comment'].pk}/edit/", {"body": "Edited"}, ["comments.Comment"]),
        (
            f"/titles/{t.pk}/recommendations/new/",
            {"other": str(s["other"].pk), "reason": "r" * 80},
            ["recommendations.RecommendationReason"],
        ),
        (
            f"/recommendations/{s['recommendation'].pk}/vote/",
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


def looks_wrong(response, value: str) -> str:
    """Why a response to hostile input is not acceptable, or ""."""
    html = response.content.decode(errors="replace")
    if response.status_code >= 500:
        return f"status {response.status_code}"
    if SCRIPT in html and value.find(SCRIPT) >= 0:
        return "script echoed unescaped"
    if response.status_code in (400, 403, 404, 422, 429):
        readable = ('role="alert"', "invalid-feedback", "<h1", "alert-")
        if not any(marker in html for marker in readable):
            return f"status {response.status_code} without a message"
    return ""


def counts(labels: list[str]) -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in labels}


def test_every_get_parameter_survives_the_corpus(site):
    client, problems, requests = site["client"], [], 0
    for path, params in pages(site):
        for name in params:
            for value in HOSTILE:
                response = client.get(path, {name: value})
                requests += 1
                if why := looks_wrong(response, value):
                    problems.append(f"GET {path}?{name}={value[:30]!r}: {why}")
    assert problems == [], f"{len(problems)} of {requests} requests: {problems[:10]}"
    assert requests >= 2_000


def test_every_form_field_survives_the_corpus(site):
    client, problems, requests = site["client"], [], 0
    for path, valid, models in forms(site):
        for name in valid:
            for value in HOSTILE:
                before = counts(models)
                response = client.post(path, {**valid, name: value})
                requests += 1
                if why := looks_wrong(response, value):
                    problems.append(f"POST {path} {name}={value[:30]!r}: {why}")
                if response.status_code >= 400 and counts(models) != before:
                    problems.append(f"POST {path} {name}={value[:30]!r}: refused, yet saved")
                if path == "/accounts/signup/":
                    client.force_login(site["member"])  # a sign-up signs the newcomer in
    assert problems == [], f"{len(problems)} of {requests} requests: {problems[:10]}"
    assert requests >= 3_000
