"""Finding the next drama: filters, rankings, genre links, forgiving search, people and the
header's suggestions, as a visitor does it in the browser."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from titles.models import AlternativeTitle, Title

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    call_command("loaddemo", stdout=io.StringIO())
    call_command("refresh_rankings", stdout=io.StringIO())
    return Title.objects.get(title="1 Litre of Tears")


def test_a_korean_drama_from_the_2020s_in_two_clicks(page, demo, screenshot):
    page.goto("/titles/")
    page.get_by_label("Country").select_option("South Korea")
    page.get_by_label("From year").fill("2020")
    page.get_by_role("button", name="Show titles").click()  # first click
    expect(page.get_by_role("link", name="Remove the filter Country: South Korea")).to_be_visible()
    screenshot(page, "browse-korean-2020s")
    page.get_by_role("link", name="Navillera").click()  # second click
    expect(page.get_by_role("heading", level=1)).to_contain_text("Navillera")


@pytest.mark.parametrize(("path", "field"), [("/top/", "rank"), ("/popular/", "popularity")])
def test_the_rankings_agree_with_the_title_page(page, demo, screenshot, path, field):
    number = getattr(demo.stats, field)
    page.goto(path)
    card = page.locator(".title-card", has_text="1 Litre of Tears").first
    expect(card).to_contain_text(f"#{number}")
    screenshot(page, f"ranking-{path.strip('/')}")
    card.get_by_role("link").click()
    label = "Ranked" if field == "rank" else "Popularity"
    expect(page.locator(f"dt:has-text('{label}') + dd")).to_have_text(f"#{number}")


def test_a_genre_link_leads_to_the_titles_of_that_genre(page, demo):
    page.goto(demo.get_absolute_url())
    page.locator(".title-names").get_by_role("link", name="Medical").click()
    expect(page).to_have_url("/titles/?genre=medical")
    expect(page.locator(".title-grid")).to_contain_text("Pure Soul")


@pytest.mark.parametrize(
    "query", ["1 litre of tars", "ichi ritoru", "1 Liter of Tears", "rittoru no namida"]
)
def test_the_search_forgives_how_the_title_is_typed(page, demo, query):
    if query == "rittoru no namida":
        AlternativeTitle.objects.filter(title=demo, name__icontains="rittoru").delete()
    page.goto("/")
    page.get_by_label("Search titles and people").fill(query)
    page.get_by_label("Search titles and people").press("Enter")
    expect(page.locator(".title-card").first).to_contain_text("1 Litre of Tears")


@pytest.mark.parametrize("query", ["Erika Sawajiri", "沢尻"])
def test_the_actress_is_found_by_either_order_or_her_script(page, demo, query, screenshot):
    page.goto(f"/people/?q={query}")
    expect(page.locator(".person-card").first).to_contain_text("Sawajiri Erika")
    screenshot(page, "people-search")


def test_the_header_suggestions_work_with_the_keyboard(page, demo, screenshot):
    page.goto("/")
    box = page.get_by_role("combobox", name="Search titles and people")
    box.press_sequentially("sawaj", delay=40)
    suggestion = page.get_by_role("listbox", name="Suggestions").get_by_role(
        "option", name="Sawajiri Erika"
    )
    expect(suggestion).to_be_visible()
    screenshot(page, "header-suggestions")
    box.press("ArrowDown")
    expect(suggestion).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sawajiri Erika")


def weekday_section(page, title: Title):
    """The schedule's section for the weekday the title's episodes air on this week."""
    day = title.aired_weekdays[0]
    name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][day]
    return page.locator(".schedule-day", has=page.get_by_role("heading", name=name))


def test_the_schedule_shows_the_demo_airing_titles_on_their_weekdays(
    browser, live_server, demo, screenshot
):
    harbor = Title.objects.get(title="Harbor Lights Diary")  # Thursdays, 22:00 in Tokyo
    kitchen = Title.objects.get(title="Second Bloom Kitchen")  # weekends, 21:10 in Seoul
    # In New York the browser shows each time in its own zone: 22:00 JST is 08:00 there.
    context = browser.new_context(base_url=live_server.url, timezone_id="America/New_York",
                                  locale="en-GB")  # fmt: skip
    page = context.new_page()
    page.goto("/schedule/")
    thursday = weekday_section(page, harbor)
    expect(thursday).to_contain_text("Harbor Lights Diary")
    expect(thursday.locator("time").first).to_have_text("08:00")
    expect(page.locator("#time-note")).to_contain_text("America/New_York")
    for day in (5, 6):
        section = page.locator(".schedule-day").nth(day)
        expect(section).to_contain_text("Second Bloom Kitchen")
        expect(section.locator("time", has_text="07:10")).to_have_count(1)
    assert kitchen.aired_weekdays == [5, 6]
    screenshot(page, "schedule")
    context.close()

    # Without JavaScript, the broadcaster's own time, labelled.
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/schedule/")
    expect(weekday_section(page, harbor).locator("time").first).to_have_text("22:00 JST")
    context.close()
