import pytest
from playwright.sync_api import expect

from demo.titles import load_seed_title

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_reads_the_synopsis_and_the_whole_cast(page, screenshot):
    title = load_seed_title()
    page.goto(title.get_absolute_url())

    expect(page.get_by_role("heading", level=1)).to_contain_text("1 Litre of Tears")
    full_synopsis = page.locator(".synopsis .read-more-full")
    expect(full_synopsis).to_be_hidden()
    page.get_by_text("read more").click()
    expect(full_synopsis).to_be_visible()
    expect(full_synopsis).to_contain_text("spinocerebellar degeneration")
    expect(page.locator(".native-name")).to_have_text("1 リットルの涙")
    expect(page.get_by_text("1 リットルの涙", exact=True)).to_have_count(1)  # a fact shown once
    screenshot(page, "title-page")

    page.get_by_role("link", name="Show More Cast (11)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Cast and crew of 1 Litre of Tears"
    )
    # The 6 credits the title page listed and the 11 more its link promised.
    expect(page.locator(".credit")).to_have_count(17)
    expect(page.get_by_text("Kito Aya")).to_be_visible()
    screenshot(page, "cast-page")


def test_the_title_page_fits_a_phone(browser, live_server, screenshot):
    title = load_seed_title()
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    page.goto(title.get_absolute_url())
    width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, "title-page-phone")
    context.close()
    assert width <= 390
