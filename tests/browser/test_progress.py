""" "+1" in a real browser: from the title page and the list page, with JavaScript and without,
up to the last episode, which completes the title."""

import pytest
from playwright.sync_api import expect

from reviews.models import ListEntry

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def watcher(user_factory, title_factory):
    member = user_factory(username="watcher")
    title = title_factory(title="Three Little Episodes", episodes=3)
    return member, title


def test_plus_one_on_the_title_page_up_to_the_last_episode(page, sign_in, watcher, screenshot):
    member, title = watcher
    sign_in(page, member.username)
    page.goto(title.get_absolute_url())
    entry = page.locator("#your-entry")
    expect(entry).to_contain_text("No episodes seen yet")

    entry.get_by_role("button", name="+1 episode seen").click()
    expect(entry).to_contain_text("Episode 1 of 3")
    expect(entry.get_by_label("Status", exact=True)).to_have_value("watching")
    entry.get_by_role("button", name="+1 episode seen").click()
    expect(entry).to_contain_text("Episode 2 of 3")
    entry.get_by_role("button", name="+1 episode seen").click()

    expect(entry).to_contain_text("Episode 3 of 3")
    expect(entry.get_by_label("Status", exact=True)).to_have_value("completed")
    expect(entry.get_by_role("button", name="+1 episode seen")).to_have_count(0)
    screenshot(page, "title-page-progress-completed")
    saved = ListEntry.objects.get(user=member)
    assert (saved.status, saved.episodes_seen) == ("completed", 3)
    assert saved.started_on and saved.finished_on


def test_plus_one_on_the_list_page_in_place(page, sign_in, watcher, rate):
    member, title = watcher
    rate(member, title, None, status="watching")
    sign_in(page, member.username)
    page.goto(f"/users/{member.username}/list/")
    button = page.get_by_role("button", name=f"+1 episode of {title.title}")
    button.click()
    expect(page.locator(f"#progress-{title.pk}")).to_contain_text("1/3")
    expect(page).to_have_url(f"{page.url.split('/users/')[0]}/users/{member.username}/list/")


@pytest.mark.parametrize("where", ["title", "list"])
def test_plus_one_without_javascript(browser, live_server, watcher, rate, where):
    member, title = watcher
    rate(member, title, None, status="watching")
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(member.username)
    page.locator("#id_password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    if where == "title":
        page.goto(title.get_absolute_url())
        page.locator("#your-entry").get_by_role("button", name="+1 episode seen").click()
        expect(page.locator("#your-entry")).to_contain_text("Episode 1 of 3")
    else:
        page.goto(f"/users/{member.username}/list/")
        page.get_by_role("button", name=f"+1 episode of {title.title}").click()
        expect(page).to_have_url(f"{live_server.url}/users/{member.username}/list/")
        expect(page.locator(f"#progress-{title.pk}")).to_contain_text("1/3")
    expect(page.get_by_text(f"{title.title}: episode 1 of 3.")).to_be_visible()
    context.close()
