import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from titles.models import Title

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long and unusual passphrase"
REASON = (
    "Both are warm, funny and big-hearted stories about neighbours and strangers who slowly "
    "become family."
)


def load_demo() -> None:
    call_command("loaddemo", stdout=io.StringIO())


def url_of(name: str) -> str:
    return Title.objects.get(title=name).get_absolute_url()


def sign_in(page, username: str, next_url: str) -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(next_url)


def test_a_recommendation_made_through_the_title_search_shows_on_both_titles_pages(
    page, screenshot, django_user_model
):
    load_demo()
    django_user_model.objects.create_user("recommender", "rec@example.test", PASSWORD)
    cloy, reply = url_of("Crash Landing on You"), url_of("Reply 1988")
    sign_in(page, "recommender", cloy)

    page.get_by_role("link", name="Make a Recommendation").click()
    form_url = page.url
    page.get_by_label("1. Find the title you recommend").press_sequentially("reply", delay=30)
    # Suggestions arrive in place as the user types; the page itself does not reload.
    choice = page.get_by_label("Reply 1988 (2015)")
    expect(choice).to_be_visible()
    assert page.url == form_url
    choice.check()
    page.get_by_label("3. Why do you recommend it?").fill(REASON)
    screenshot(page, "recommendation-form-with-suggestions")
    page.get_by_role("button", name="Recommend").click()

    expect(
        page.get_by_text("Thank you: you recommended Reply 1988 for Crash Landing on You.")
    ).to_be_visible()
    expect(page.locator("main")).to_contain_text(REASON)

    for here, there in [(cloy, "Reply 1988"), (reply, "Crash Landing on You")]:
        page.goto(here)
        section = page.locator("#recommendations")
        expect(section.get_by_role("link", name=there, exact=True)).to_be_visible()
        expect(section).to_contain_text("Recommended by recommender")
        expect(section).to_contain_text(REASON)
    screenshot(page, "title-page-with-new-recommendation")

    # Voting for someone else's recommendation changes the button in place.
    vote = page.locator("#recommendations").get_by_role("button", name="▲ Vote (5)")
    vote.click()
    expect(
        page.locator("#recommendations").get_by_role("button", name="▲ Voted (6)")
    ).to_be_visible()
    page.reload()
    expect(
        page.locator("#recommendations").get_by_role("button", name="▲ Voted (6)")
    ).to_be_visible()


def test_the_seed_title_page_shows_its_recommendations_and_news(page, screenshot):
    load_demo()
    page.goto(url_of("1 Litre of Tears"))

    news = page.locator("#news")
    expect(news.get_by_role("heading", name="News & Articles")).to_be_visible()
    expect(news.locator(".news-item")).to_have_count(2)
    recs = page.locator("#recommendations")
    expect(recs.locator(".rec-card")).to_have_count(2)
    expect(recs.locator(".rec-card").first).to_contain_text("Pure Soul")
    expect(recs.locator(".rec-card").nth(1)).to_contain_text("Taiyou no Uta")
    expect(recs).to_contain_text("Recommended by")
    expect(recs.get_by_role("link", name="More recs (25)")).to_be_visible()
    screenshot(page, "title-page-news-and-recommendations")

    recs.get_by_role("link", name="More recs (25)").click()
    expect(page.locator(".rec-card")).to_have_count(20)
    page.get_by_role("link", name="Next ›").click()
    expect(page.locator(".rec-card")).to_have_count(7)

    page.goto(url_of("1 Litre of Tears"))
    news.get_by_role("link", name="View all").click()
    expect(
        page.get_by_role("heading", name="News & Articles about 1 Litre of Tears")
    ).to_be_visible()
    page.get_by_role(
        "link", name="When the illness is the story: dramas that stay with you"
    ).click()
    expect(page.locator(".news-body")).to_contain_text("Pure Soul takes the same approach")
    screenshot(page, "news-article")


def test_a_signed_out_vote_asks_the_visitor_to_sign_in(page):
    load_demo()
    page.goto(url_of("1 Litre of Tears"))
    # A link, not a form: pages for visitors carry no form token, so they can be cached.
    page.locator("#recommendations").get_by_role("link", name="▲ Vote (48)").click()
    expect(page).to_have_url(f"/accounts/login/?next={url_of('1 Litre of Tears')}")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_recommending_works_without_javascript(browser, live_server, django_user_model):
    load_demo()
    django_user_model.objects.create_user("plain", "plain@example.test", PASSWORD)
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    cloy = url_of("Crash Landing on You")
    sign_in(page, "plain", cloy)

    page.get_by_role("link", name="Make a Recommendation").click()
    page.get_by_label("1. Find the title you recommend").fill("nodame")
    page.locator("#main").get_by_role("button", name="Search").click()
    # The search reloaded the page with the matches as choices.
    pk = Title.objects.get(title="Crash Landing on You").pk
    expect(page).to_have_url(f"/titles/{pk}/recommendations/new/?q=nodame")
    page.get_by_label("Nodame Cantabile (2006)").check()
    page.get_by_label("3. Why do you recommend it?").fill(REASON)
    page.get_by_role("button", name="Recommend").click()

    expect(page.get_by_text("Thank you: you recommended Nodame Cantabile")).to_be_visible()
    context.close()
