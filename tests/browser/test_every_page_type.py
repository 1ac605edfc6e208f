"""Every page type, signed out and signed in, passes axe-core and the Nu HTML checker.

The demo data is loaded once; each page is opened in Chromium and checked with axe-core as it
stands, in the light and the dark colour scheme; its HTML as served goes through the Nu HTML
checker, all pages in one run at the end.
Error pages that a visitor cannot reach on purpose (500, 503, 429, 403, 400) are rendered
from their templates and served at a made-up address of the live server.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory

from core.personal import fill
from tests.browser.page_checks import axe_violations, nu_errors, report
from tests.pages import (
    member_with_entry_review_and_comment,
    moderators_pages,
    pages_signed_in,
    pages_signed_out,
    staff_pages,
)
from titles.models import Title

pytestmark = pytest.mark.django_db(transaction=True)

ERROR_TEMPLATES = ("400", "403", "403_csrf", "429", "500", "503")
# Every id an aria-labelledby names must be on the page.
UNRESOLVED_LABELS = """[...document.querySelectorAll('[aria-labelledby]')].flatMap(element =>
  element.getAttribute('aria-labelledby').split(/\\s+/)
    .filter(id => !document.getElementById(id))
    .map(id => `${element.tagName.toLowerCase()} names missing #${id}`))"""


def _serving(html: str):
    return lambda route: route.fulfill(body=html, status=200, content_type="text/html")


# The widest an element may make a page at a phone's 320 px: nothing may scroll sideways.
PHONE_WIDTH = 320
PAGE_WIDTH = "document.documentElement.scrollWidth"


def test_every_page_type_passes_axe_and_the_nu_html_checker(page, sign_in, tmp_path, moderators):
    call_command("loaddemo", verbosity=0)
    seed = Title.objects.get(title="1 Litre of Tears")
    member = member_with_entry_review_and_comment(seed)

    documents: dict[str, str] = {}
    violations: dict[str, list[str]] = {}
    too_wide: dict[str, int] = {}

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
        page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
        if (width := page.evaluate(PAGE_WIDTH)) > PHONE_WIDTH:
            too_wide[name] = width
        page.set_viewport_size({"width": 1280, "height": 900})

    def check_open(name: str, path: str, width: int, open_it) -> None:
        """A page with a menu or list open, as axe and the Nu checker see it then."""
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(path)
        open_it()
        documents[name] = page.content()
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
            if found := axe_violations(page):
                violations[f"{name} ({scheme})"] = found
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 1280, "height": 900})

    def suggestions() -> None:
        page.get_by_role("combobox").press_sequentially("love", delay=30)
        page.get_by_role("listbox", name="Suggestions").get_by_role("option").first.wait_for()
        page.get_by_role("combobox").press("ArrowDown")

    def phone_menu() -> None:
        page.locator(".site-menu-button").click()
        page.locator(".site-menu .menu-panel").wait_for()

    def account_menu() -> None:
        page.locator(".account-menu > summary").click()
        page.locator(".account-menu .menu-panel").wait_for()

    for name, path in pages_signed_out(seed).items():
        check(name, path)
    check_open("open-suggestions", "/", 1280, suggestions)
    check_open("open-phone-menu", "/", 390, phone_menu)
    for template in ERROR_TEMPLATES:
        path = f"/error-page-{template}/"
        # As the site sends it: the parts of the viewer's own filled in (core/personal.py).
        html = fill(RequestFactory().get(path), render_to_string(f"{template}.html"),
                    as_visitor=True)  # fmt: skip
        page.route(f"**{path}", _serving(html))
        check(f"error-{template}", path)

    sign_in(page, member.username)
    for name, path in pages_signed_in(seed, member).items():
        check(name, path)
    check_open("open-account-menu", "/", 1280, account_menu)
    check_open("open-phone-menu-member", "/", 390, phone_menu)
    for name, path in moderators_pages(member, moderators).items():
        check(name, path)
    for name, path in staff_pages(member).items():
        check(name, path)

    errors = nu_errors(documents, tmp_path)
    assert len(documents) >= 50
    assert not violations and not errors, (
        f"axe-core violations:\n{report(violations)}\nNu HTML checker errors:\n{report(errors)}"
    )
    assert too_wide == {}, f"wider than {PHONE_WIDTH} px: {too_wide}"
