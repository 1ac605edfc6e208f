"""The header's search box in the browser: its suggestions match as the search page does (a
name typed too far from the title still brings the closest title), and it is a combobox
(ARIA 1.2) that the keyboard drives: the arrow keys move through the suggestions, Enter opens
one, Escape closes the list and keeps what was typed, and a click elsewhere closes it."""

import pytest
from playwright.sync_api import expect

from demo.recommendations import load_extra_titles
from demo.titles import load_other_titles, load_seed_title
from tests.browser.page_checks import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue():
    load_seed_title()
    load_other_titles()
    load_extra_titles()


def suggestions_for(page, text: str):
    box = page.get_by_role("combobox", name="Search titles and people")
    box.press_sequentially(text, delay=40)
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    return box, listbox


def test_a_misspelt_title_is_suggested_under_the_header_box(page, catalogue, screenshot):
    page.goto("/search/")
    _, listbox = suggestions_for(page, "nabillera")
    suggestion = listbox.get_by_role("option", name="Navillera")
    expect(suggestion).to_be_visible()
    screenshot(page, "header-suggestions-misspelt")
    suggestion.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Navillera")


def test_the_arrow_keys_choose_a_suggestion_and_enter_opens_it(page, catalogue):
    page.goto("/")
    box, listbox = suggestions_for(page, "love")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)
    first = options.first
    box.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    expect(box).to_be_focused()  # the focus stays in the box while the choice moves
    box.press("ArrowUp")  # from the first, round to the last
    last = options.last
    expect(last).to_have_attribute("aria-selected", "true")
    expect(first).to_have_attribute("aria-selected", "false")
    box.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    name = first.inner_text()
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(name.split(" (")[0])


def test_escape_closes_the_list_and_keeps_the_text(page, catalogue):
    page.goto("/")
    box, listbox = suggestions_for(page, "litre")
    box.press("ArrowDown")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", "suggestion-title-1")
    expect(box).to_have_value("litre")


def test_a_click_elsewhere_closes_the_list(page, catalogue):
    page.goto("/")
    box, listbox = suggestions_for(page, "litre")
    page.locator("main").click(position={"x": 5, "y": 5})
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_open_list_passes_axe_in_both_themes(page, catalogue, screenshot, theme):
    page.emulate_media(color_scheme=theme)
    page.goto("/")
    suggestions_for(page, "love")
    page.get_by_role("combobox").press("ArrowDown")
    screenshot(page, f"header-suggestions-open-{theme}")
    assert axe_violations(page) == []
