"""Every page type, signed out and signed in, passes axe-core and the Nu HTML checker.

The demo data is loaded once; each page is opened in Chromium and checked with axe-core as it
stands, in the light and the dark colour scheme; its HTML as served goes through the Nu HTML
checker, all pages in one run at the end.
Error pages that a visitor cannot reach on purpose (500, 503, 429, 403, 400) are rendered
from their templates and served at a made-up address of the live server.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.template.loader import render_to_string
from django.test import RequestFactory

from comments.models import Comment
from core.personal import fill
from news.models import Article
from recommendations.models import Recommendation
from reviews.models import Review
from reviews.services import list_entry_save, review_submit
from tests.browser.page_checks import axe_violations, nu_errors, report
from tests.factories import UserFactory
from titles.models import Title

pytestmark = pytest.mark.django_db(transaction=True)

ERROR_TEMPLATES = ("400", "403", "403_csrf", "429", "500", "503")
# Every id an aria-labelledby names must be on the page.
UNRESOLVED_LABELS = """[...document.querySelectorAll('[aria-labelledby]')].flatMap(element =>
  element.getAttribute('aria-labelledby').split(/\\s+/)
    .filter(id => !document.getElementById(id))
    .map(id => `${element.tagName.toLowerCase()} names missing #${id}`))"""


def _pages_signed_out(seed: Title) -> dict[str, str]:
    person = seed.credits.select_related("person").first().person
    review = Review.objects.filter(title=seed).order_by("-created_at").first()
    thread = Comment.objects.filter(parent__isnull=True, reply_count__gt=0).first()
    recommendation = Recommendation.objects.filter(Q(title_low=seed) | Q(title_high=seed)).first()
    article = Article.objects.order_by("pk").first()
    genre = seed.genres.first()
    member = review.user.username
    return {
        "home": "/",
        "browse": "/titles/",
        "browse-filtered": f"/titles/?genre={genre.slug}&sort=newest",
        "genre": f"/genres/{genre.slug}/",
        "top": "/top/",
        "popular": "/popular/",
        "airing": "/airing/",
        "upcoming": "/upcoming/",
        "people": "/people/",
        "title": seed.get_absolute_url(),
        "cast": f"{seed.get_absolute_url()}cast/",
        "edit-history": f"{seed.get_absolute_url()}history/",
        "person": person.get_absolute_url(),
        "reviews": f"{seed.get_absolute_url()}reviews/",
        "review": review.get_absolute_url(),
        "member": f"/users/{member}/",
        "member-list": f"/users/{member}/list/",
        "member-reviews": f"/users/{member}/reviews/",
        "thread": thread.get_absolute_url(),
        "search": "/search/?q=litre",
        "search-typo": "/search/?q=1+liter+of+teers",
        "search-empty": "/search/?q=zzzzqqq",
        "recommendations": f"/titles/{seed.pk}/recommendations/",
        "recommendation": recommendation.get_absolute_url(),
        "news": "/news/",
        "article": article.get_absolute_url(),
        "help-ratings": "/help/ratings/",
        "help-recommendations": "/help/recommendations/",
        "sign-in": "/accounts/login/",
        "register": "/accounts/signup/",
        "password-reset": "/accounts/password/reset/",
        "not-found": "/no-such-page/",
    }


def _pages_signed_in(seed: Title, member) -> dict[str, str]:
    review = Review.objects.get(title=seed, user=member)
    comment = Comment.objects.filter(author=member).first()
    entry = member.list_entries.get(title=seed)
    return {
        "title-signed-in": seed.get_absolute_url(),
        "home-signed-in": "/",
        "review-signed-in": review.get_absolute_url(),
        "thread-signed-in": comment.get_absolute_url(),
        "own-profile": f"/users/{member.username}/",
        "own-list": f"/users/{member.username}/list/",
        "entry-form": f"/list/{entry.pk}/edit/",
        "rate-form": f"/titles/{seed.pk}/my-entry/",
        "review-edit": f"/reviews/{review.pk}/edit/",
        "review-delete": f"/reviews/{review.pk}/delete/",
        "comment-edit": f"/comments/{comment.pk}/edit/",
        "comment-delete": f"/comments/{comment.pk}/delete/",
        "recommendation-new": f"/titles/{seed.pk}/recommendations/new/",
        "entry-remove": f"/list/{entry.pk}/remove/",
        "report": f"/report/comment/{_someone_elses_comment(member).pk}/",
        "profile-edit": "/accounts/settings/profile/",
        "password-change": "/accounts/password/change/",
    }


def _someone_elses_comment(member) -> Comment:
    return Comment.objects.filter(parent__isnull=True).exclude(author=member).first()


def _moderators_pages(member, moderators) -> dict[str, str]:
    """The queue and an item's page, with one report waiting."""
    from moderation.models import Report

    comment = _someone_elses_comment(member)
    Report.objects.create(reporter=member, kind="comment", object_id=comment.pk,
                          author=comment.author, reason=Report.Reason.SPOILER)  # fmt: skip
    member.groups.add(moderators)
    return {
        "moderation-queue": "/moderation/",
        "moderation-item": f"/moderation/comment/{comment.pk}/",
    }


def _member_with_entry_review_and_comment(seed: Title):
    from comments.services import comment_post

    member = UserFactory(username="checker")
    list_entry_save(user=member, title=seed, status="completed", score=Decimal("9"))
    review_submit(
        user=member,
        title=seed,
        data={
            "headline": "Gentle and unflinching",
            "body": "A careful story about a family that keeps going. " * 8,
            "is_spoiler": False,
            "episodes_seen": seed.episodes,
            "overall": Decimal("9"),
            "story": Decimal("9"),
            "acting": Decimal("9.5"),
            "music": Decimal("8.5"),
            "rewatch": Decimal("7"),
        },
    )
    comment_post(author=member, target=seed, body="The last episode stays with you.")
    return member


def _serving(html: str):
    return lambda route: route.fulfill(body=html, status=200, content_type="text/html")


def test_every_page_type_passes_axe_and_the_nu_html_checker(page, sign_in, tmp_path, moderators):
    call_command("loaddemo", verbosity=0)
    seed = Title.objects.get(title="1 Litre of Tears")
    member = _member_with_entry_review_and_comment(seed)

    documents: dict[str, str] = {}
    violations: dict[str, list[str]] = {}

    def check(name: str, path: str) -> None:
        response = page.goto(path)
        assert response is not None
        documents[name] = response.text()
        unresolved = page.evaluate(UNRESOLVED_LABELS)
        if unresolved:
            violations[f"{name} (aria-labelledby)"] = unresolved
        # Both colour schemes: the dark one follows the system setting. Reduced motion turns
        # off Bootstrap's colour transitions, which axe would otherwise catch halfway.
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
            found = axe_violations(page)
            if found:
                violations[f"{name} ({scheme})"] = found
        page.emulate_media(color_scheme="light")

    for name, path in _pages_signed_out(seed).items():
        check(name, path)
    for template in ERROR_TEMPLATES:
        path = f"/error-page-{template}/"
        # As the site sends it: the parts of the viewer's own filled in (core/personal.py).
        html = fill(RequestFactory().get(path), render_to_string(f"{template}.html"),
                    as_visitor=True)  # fmt: skip
        page.route(f"**{path}", _serving(html))
        check(f"error-{template}", path)

    sign_in(page, member.username)
    for name, path in _pages_signed_in(seed, member).items():
        check(name, path)
    for name, path in _moderators_pages(member, moderators).items():
        check(name, path)

    errors = nu_errors(documents, tmp_path)
    assert len(documents) >= 50
    assert not violations and not errors, (
        f"axe-core violations:\n{report(violations)}\nNu HTML checker errors:\n{report(errors)}"
    )
