"""What a new member tripped on, seen in the browser: an upcoming title offers only planning,
a spoiler review stays folded on the home page, Reply puts the cursor in the reply box, a
report reads Reported; and the title page's console stays empty for a visitor and a member
(no error, nothing the Content-Security-Policy blocked)."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from comments.models import Comment
from demo import comments as comments_demo
from demo import titles as titles_demo
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
# Reports every blocked resource or script to the console, where the test reads it: the
# console message Chromium writes itself does not always reach Playwright.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP blocked ${event.violatedDirective}: ${event.blockedURI}`);
});
"""


@pytest.fixture
def console(page):
    """Every message the page writes to its console, but informational ones."""
    page.context.add_init_script(REPORT_VIOLATIONS)
    messages: list[str] = []
    page.on(
        "console",
        lambda message: (
            messages.append(f"{message.type}: {message.text}")
            if message.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda error: messages.append(f"uncaught: {error}"))
    return messages


def test_the_title_page_console_stays_empty_for_a_visitor_and_a_member(
    page, console, sign_in, screenshot
):
    title = titles_demo.load_seed_title()
    comments_demo.load_comments()
    get_user_model().objects.create_user("newcomer", "newcomer@example.test", PASSWORD)

    page.goto(title.get_absolute_url())
    page.locator(".spoiler summary").first.click()
    assert console == []

    sign_in(page, "newcomer", PASSWORD)
    page.goto(title.get_absolute_url())
    first = Comment.objects.filter(parent=None).order_by("created_at").first()
    page.locator(f"#comment-{first.pk} .comment-actions").get_by_text("Reply").click()
    reply_box = page.locator(f"#id_reply_{first.pk}_body")
    expect(reply_box).to_be_focused()
    expect(page.get_by_label("Your reply")).to_be_visible()
    reply_box.fill("A first reply from a new member.")
    page.get_by_role("button", name="Post reply").click()
    mine = page.locator(".comment-card", has_text="A first reply from a new member.")
    expect(mine).to_be_visible()
    mine.get_by_role("link", name="Edit").click()
    expect(page.locator("textarea[name=body]")).to_be_focused()
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(f"**{title.get_absolute_url()}**")

    page.goto(f"/report/comment/{first.pk}/")
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Send report").click()
    page.goto(title.get_absolute_url())
    expect(page.locator(f"#reported-comment-{first.pk}")).to_have_text("Reported")
    screenshot(page, "title-page-member-after-report")
    assert console == []


def test_an_upcoming_title_offers_a_member_only_planning(page, console, sign_in, title_factory):
    first = date.today() + timedelta(days=90)
    title = title_factory(title="Next Season", aired_from=first, aired_to=None, year=first.year)
    get_user_model().objects.create_user("planner", "planner@example.test", PASSWORD)
    sign_in(page, "planner", PASSWORD)

    page.goto(title.get_absolute_url())
    status = page.locator("#your-status")
    expect(status.locator("option")).to_have_count(1)
    expect(status).to_have_value("plan_to_watch")
    expect(page.locator("input[name=score]")).to_have_count(0)
    expect(page.get_by_text("You can rate it once it airs.")).to_be_visible()
    expect(page.get_by_role("link", name="Write a Review")).to_have_count(0)
    page.get_by_role("button", name="Add to my list").click()
    expect(page.locator("#your-entry")).to_contain_text("On your list: Plan to Watch.")
    assert console == []


def test_a_spoiler_review_stays_folded_on_the_home_page(page, console, title_factory, screenshot):
    ReviewFactory(
        title=title_factory(title="The Twist"),
        headline="That ending",
        is_spoiler=True,
        body="The detective was the culprit all along, which nobody saw coming. " * 5,
    )
    page.goto("/")
    secret = page.get_by_text("The detective was the culprit", exact=False)
    expect(secret).to_be_hidden()
    page.get_by_text("Contains spoilers: show the beginning").click()
    expect(secret).to_be_visible()
    screenshot(page, "home-spoiler-review")
    assert console == []
