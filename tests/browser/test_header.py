"""The header in the browser: one row at a phone's width, whose menu button opens the site's
links and the account's without JavaScript, and a member's account menu at a desktop's."""

import pytest
from playwright.sync_api import expect

from demo.titles import load_seed_title

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def test_the_phone_header_is_one_row_and_its_menu_works_without_javascript(
    browser, live_server, screenshot
):
    load_seed_title()
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/")
    header = page.locator("header")
    assert header.bounding_box()["height"] <= 64
    browse = header.get_by_role("link", name="Browse", exact=True)
    expect(browse).to_be_hidden()  # in the closed menu

    header.locator("summary", has_text="Menu").click()
    screenshot(page, "header-phone-menu-open")
    expect(header.get_by_role("link", name="Register")).to_be_visible()
    browse.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Browse titles")
    context.close()


def test_a_member_finds_their_pages_and_sign_out_in_the_account_menu(page, sign_in, user_factory):
    member = user_factory(username="mika_watches", is_staff=True)
    member.set_password("correct horse battery staple")
    member.save()
    sign_in(page, member.username)
    page.goto("/")
    bar = page.get_by_role("navigation", name="Main")
    expect(bar.get_by_role("link", name="Your list")).to_be_hidden()
    bar.get_by_text("mika_watches", exact=True).click()
    expect(bar.get_by_role("link", name="Your list")).to_be_visible()
    expect(bar.get_by_role("link", name="Admin")).to_be_visible()  # staff reach the admin here
    # One row at a desktop's width, staff links and all.
    assert page.locator("header").bounding_box()["height"] <= 64
    bar.get_by_role("link", name="Your list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("mika_watches's list")
