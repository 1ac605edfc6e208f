import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import sign_out
from titles.models import Title

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long and unusual passphrase"


def load_demo() -> str:
    call_command("loaddemo", stdout=io.StringIO())
    return Title.objects.get(title="1 Litre of Tears").get_absolute_url()


def test_a_new_user_signs_up_rates_the_seed_title_and_signs_out(page, screenshot):
    url = load_demo()

    page.goto("/accounts/signup/")
    page.locator("#id_username").fill("newcomer")
    page.locator("#id_email").fill("newcomer@example.test")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Welcome to dramadb, newcomer!")).to_be_visible()
    sign_out(page)

    page.goto(url)
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(url)

    expect(page.locator("#title-ratings")).to_contain_text("9.0/10 from 6,819 users")
    expect(page.locator("#title-stats")).to_contain_text("7,819")
    rating = page.get_by_role("group", name="Your Rating:")
    rating.get_by_text("1.0", exact=True).click()
    page.get_by_label("Status", exact=True).select_option("completed")
    page.get_by_role("button", name="Add to my list").click()

    # Saved in place: the header, the sidebar and "Your Rating" all change without a reload.
    expect(page.locator("#your-entry")).to_contain_text("On your list: Completed, your rating 1.0.")
    expect(page.locator("#title-ratings")).to_contain_text("from 6,820 users")
    expect(page.locator("#title-stats")).to_contain_text("7,820")
    expect(rating.get_by_label("1.0", exact=True)).to_be_checked()
    screenshot(page, "title-page-rated")

    page.reload()
    expect(rating.get_by_label("1.0", exact=True)).to_be_checked()
    sign_out(page)
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in")
    ).to_be_visible()
    expect(page.locator("#your-entry")).to_contain_text("Sign in to rate this title")


def test_rating_works_without_javascript(browser, live_server, django_user_model):
    django_user_model.objects.create_user("plain", "plain@example.test", PASSWORD)
    url = load_demo()
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto(f"/accounts/login/?next={url}")
    page.get_by_label("Username").fill("plain")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("group", name="Your Rating:").get_by_text("8.5", exact=True).click()
    page.get_by_role("button", name="Add to my list").click()

    expect(page.get_by_text("Saved: 1 Litre of Tears is on your list.")).to_be_visible()
    expect(page.locator("#title-ratings")).to_contain_text("from 6,820 users")
    context.close()


def test_the_rating_control_is_used_with_the_keyboard_only(page, django_user_model):
    """The scale is radio buttons: Tab reaches it, the arrow keys move along it, and the step
    with the focus is drawn with a ring."""
    django_user_model.objects.create_user("keys", "keys@example.test", PASSWORD)
    url = load_demo()
    page.goto(f"/accounts/login/?next={url}")
    page.get_by_label("Username").fill("keys")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(url)

    rating = page.get_by_role("group", name="Your Rating:")
    # From the control before the scale (Favorites), one Tab: a group of radio buttons is one
    # stop.
    page.locator(".score-box .favorite-button").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "your-score_0"  # 1.0, not yet chosen
    for _ in range(14):  # 1.5, 2.0 ... 8.0
        page.keyboard.press("ArrowRight")
    chosen = rating.get_by_label("8.0", exact=True)
    expect(chosen).to_be_checked()
    ring = page.locator("label[for=your-score_14]").evaluate(
        "e => getComputedStyle(e).outlineStyle"
    )
    assert ring == "solid"

    page.keyboard.press("Tab")  # to the status
    assert page.evaluate("document.activeElement.id") == "your-status"
    page.keyboard.press("Tab")  # to the button
    page.keyboard.press("Enter")
    expect(page.locator("#your-entry")).to_contain_text("your rating 8.0.")
