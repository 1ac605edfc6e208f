"""Playwright driving Debian's Chromium against pytest-django's live server.

A missing Chromium is an error, never a skip: the browser tests are part of the suite.
"""

import os
import shutil
from pathlib import Path

import pytest

from bench.chromium import QUIET_FLAGS

# Playwright's sync API runs an event loop in this thread; Django must allow ORM calls here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHROMIUM_ARGS = [
    *QUIET_FLAGS,
    # Every host name but loopback resolves nowhere, so the browser never reaches off the machine.
    "--host-resolver-rules=MAP * 127.0.0.1:9 , EXCLUDE localhost , EXCLUDE 127.0.0.1",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium package "
            "(apt-get install chromium) or set CHROMIUM to its path.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A page on the live server. Every test fails if the browser reports a resource that
    did not load (a missing stylesheet or script) or something the Content-Security-Policy
    blocked: in-place actions would then silently fall back to whole-page forms."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and _is_broken_page(message.text)
            else None
        ),
    )
    # A request the page itself cancels (htmx replacing a search in flight) is no failure.
    page.on(
        "requestfailed",
        lambda request: (
            problems.append(f"failed: {request.url} {request.failure}")
            if request.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status}: {response.url}")
            if "/static/" in response.url and response.status >= 400
            else None
        ),
    )
    yield page
    context.close()
    assert problems == [], "the browser reported broken parts of the page"


def _is_broken_page(text: str) -> bool:
    return "Content Security Policy" in text or "Refused to" in text


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under var/screenshots/ as a test artifact."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def sign_in():
    """Sign `username` in through the real sign-in form."""

    def go(page, username: str, password: str = "correct horse battery staple") -> None:
        page.goto("/accounts/login/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    return go


@pytest.fixture
def moderators():
    """The group as its migrations make it: browser tests empty the database between tests."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    for app in ("comments", "reviews", "recommendations", "moderation"):
        create_permissions(apps.get_app_config(app), verbosity=0)
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(*Permission.objects.filter(codename__in=[
        "view_comment", "change_comment", "view_review", "moderate_review",
        "view_recommendationreason", "moderate_recommendationreason",
        "view_report", "change_report", "view_action",
    ]))  # fmt: skip
    return group


def sign_out(page) -> None:
    """Sign out through the header's account menu, as a member at a desktop width does."""
    page.locator(".account-menu > summary").click()
    page.get_by_role("button", name="Sign out").click()
