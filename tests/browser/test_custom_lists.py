"""A member's own list in a real browser: made, filled from a title page, reordered in place,
shared with its card, then made private, after which nobody else can find it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_list_is_made_reordered_shared_and_made_private(
    browser, live_server, page, sign_in, user_factory, title_factory, screenshot
):
    member = user_factory(username="curator")
    user_factory(username="other")
    titles = [title_factory(title=name) for name in ("First Light", "Second Wind", "Third Act")]
    sign_in(page, member.username)

    page.goto("/lists/new/")
    page.get_by_label("Name").fill("Rainy-day dramas")
    page.get_by_label("Description").fill("For the wettest weekends.")
    page.get_by_role("button", name="Make the list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rainy-day dramas")
    list_url = page.url

    for title in titles:
        page.goto(title.get_absolute_url())
        page.get_by_label("Add to a list").select_option(label="Rainy-day dramas")
        page.get_by_role("button", name="Add", exact=True).click()
        expect(page.get_by_text(f"Added {title.title} to Rainy-day dramas.")).to_be_visible()

    page.goto(list_url)
    items = page.locator("#list-items > li")
    expect(items.first).to_contain_text("First Light")
    items.nth(1).get_by_role("button", name="Up").click()  # in place, with htmx
    expect(items.first).to_contain_text("Second Wind")
    expect(page).to_have_url(list_url)
    # Dragged to the top (static/js/list-order.js), and kept there.
    with page.expect_response(lambda response: response.request.method == "POST"):
        items.nth(2).drag_to(items.first)
    expect(items.first).to_contain_text("Third Act")
    page.reload()
    expect(items).to_have_text([re.compile(name) for name in
                                ("Third Act", "Second Wind", "First Light")])  # fmt: skip
    screenshot(page, "custom-list")
    # Shared: its card names it.
    expect(page.locator('meta[property="og:title"]')).to_have_attribute(
        "content", "Rainy-day dramas"
    )

    page.goto(list_url + "edit/")
    page.get_by_label("Private").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Private", exact=True)).to_be_visible()

    other = browser.new_context(base_url=live_server.url)
    stranger = other.new_page()
    sign_in(stranger, "other")
    response = stranger.goto(list_url)
    assert response is not None and response.status == 404
    other.close()
