"""Two members hearing back from each other in a real browser: a reply with a mention, a like
and a follow reach A through the bell; A's feed shows B's next rating; after A blocks B, B's
reply and mention are refused with a clear message."""

import re

import pytest
from playwright.sync_api import expect

from comments.services import comment_post
from demo import titles as titles_demo
from reviews.services import list_entry_save

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"


def signed_in(browser, live_server, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def test_two_members_hear_back(browser, live_server, user_factory, title_factory, settings,
                               screenshot):  # fmt: skip
    settings.COMMENT_RATE_LIMIT_SECONDS = 0
    seed = titles_demo.load_seed_title()
    other = title_factory(title="Quiet Harbour")
    alice, bob = user_factory(username="alice"), user_factory(username="bob")
    for member in (alice, bob):
        member.set_password(PASSWORD)
        member.save()
    said = comment_post(author=alice, target=seed, body="Episode nine undid me completely.")

    b = signed_in(browser, live_server, "bob")
    b.goto(seed.get_absolute_url())
    thread = b.locator(f"#comment-{said.pk}")
    thread.locator("article").get_by_role("link", name="Reply").click()
    b.locator(f"#id_reply_{said.pk}_body").fill("@alice same here, I had to stop for a while.")
    b.get_by_role("button", name="Post reply").click()
    expect(b.locator(f"#replies-{said.pk}")).to_contain_text("same here")
    thread.locator("article").get_by_role("button", name="Like this comment").click()
    expect(thread.locator(".comment-like").first).to_contain_text("1 like")
    b.goto("/users/alice/")
    b.get_by_role("button", name="Follow").click()
    expect(b.get_by_text("You follow alice")).to_be_visible()

    a = signed_in(browser, live_server, "alice")
    bell = a.get_by_role("link", name=re.compile(r"^Notifications, 2 unread"))
    expect(bell).to_be_visible()
    bell.click()
    screenshot(a, "notifications")
    a.get_by_role("link", name=f"bob replied to your comment on {seed.title}").click()
    expect(a).to_have_url(re.compile(r"#comment-\d+$"))
    expect(a.locator("#main")).to_contain_text("same here, I had to stop")
    expect(a.get_by_role("link", name="@alice")).to_be_visible()
    expect(a.get_by_role("link", name=re.compile(r"^Notifications, 1 unread"))).to_be_visible()

    a.goto("/users/bob/")
    a.get_by_role("button", name="Follow").click()
    list_entry_save(user=bob, title=other, status="completed", score=8)
    a.goto("/feed/")
    latest = a.locator(".feed-item").first
    expect(latest).to_contain_text(re.compile(r"bob\s+completed Quiet Harbour\s+Score 8\.0"))
    screenshot(a, "feed")

    a.goto("/users/bob/")
    a.get_by_role("button", name="Block").click()
    expect(a.get_by_text("You block bob")).to_be_visible()
    b.goto(seed.get_absolute_url())
    b.locator(f"#comment-{said.pk} > article").get_by_role("link", name="Reply").click()
    b.locator(f"#id_reply_{said.pk}_body").fill("Still here.")
    b.get_by_role("button", name="Post reply").click()
    expect(b.get_by_text("alice does not accept replies from you.")).to_be_visible()
    # Nothing of the refusal still on its way: a swap landing now would empty the box.
    b.wait_for_load_state("networkidle")
    b.locator("#id_comment_body").fill("Has @alice seen the special?")
    expect(b.locator("#id_comment_body")).to_have_value("Has @alice seen the special?")
    b.get_by_role("button", name="Post comment").click()
    expect(b.get_by_text("@alice does not accept mentions from you.")).to_be_visible()
    b.goto("/users/alice/")
    expect(b.get_by_text("alice does not share their activity with you.")).to_be_visible()
