import pytest
from playwright.sync_api import expect

from demo.titles import load_seed_title

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_theme_switch_works_without_javascript(browser, live_server, screenshot):
    title = load_seed_title()
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        base_url=live_server.url,
        java_script_enabled=False,
        color_scheme="light",
    )
    page = context.new_page()
    page.goto(title.get_absolute_url())
    background = "getComputedStyle(document.body).backgroundColor"
    light = page.evaluate(background)

    page.get_by_role("button", name="Dark").click()

    expect(page).to_have_url(f"{live_server.url}{title.get_absolute_url()}")
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    expect(page.get_by_role("button", name="Dark")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(background) != light
    screenshot(page, "title-page-phone-dark")
    context.close()
