"""The header's suggestions in the browser match as the search page does: a name typed too
far from the title to match still brings the closest title under the box."""

import pytest
from playwright.sync_api import expect

from demo.recommendations import load_extra_titles
from demo.titles import load_other_titles, load_seed_title

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue():
    load_seed_title()
    load_other_titles()
    load_extra_titles()


def test_a_misspelt_title_is_suggested_under_the_header_box(page, catalogue, screenshot):
    page.goto("/search/")
    box = page.get_by_label("Search titles and people")
    box.press_sequentially("nabillera", delay=40)
    suggestion = page.locator("#search-suggestions").get_by_role("link", name="Navillera")
    expect(suggestion).to_be_visible()
    screenshot(page, "header-suggestions-misspelt")
    suggestion.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Navillera")
