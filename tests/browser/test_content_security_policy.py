"""Under the Content-Security-Policy (no inline script, no eval) htmx still loads and works
in place: the page is not reloaded, and the browser reports nothing blocked."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"


def test_rating_in_place_works_under_the_policy(page, sign_in, title_factory):
    title = title_factory(title="Policy Test Drama", episodes=10)
    get_user_model().objects.create_user("strict", "strict@example.test", PASSWORD)
    sign_in(page, "strict", PASSWORD)

    response = page.goto(title.get_absolute_url())
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert page.evaluate("typeof window.htmx") == "object"

    # A mark on the window survives only if the page is not reloaded.
    page.evaluate("window.stillHere = true")
    page.get_by_role("group", name="Your Rating:").get_by_text("8.5", exact=True).click()
    page.get_by_role("button", name="Add to my list").click()
    expect(page.locator("#your-entry")).to_contain_text("your rating 8.5")
    assert page.evaluate("window.stillHere") is True
