"""Reports and the moderation queue, as a member, a moderator and an author use them."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from comments.models import CommentCount
from reviews.models import TitleStats
from reviews.services import review_submit
from tests.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)


SCORES = {name: Decimal("6.0") for name in ("overall", "story", "acting", "music", "rewatch")}


def test_a_member_reports_a_moderator_hides_one_and_dismisses_the_other(
    page, user_factory, title_factory, sign_in, screenshot, moderators
):
    title = title_factory(title="Quiet Harbour", episodes=12)
    author = user_factory(username="writer")
    user_factory(username="reader")
    moderator = user_factory(username="mod")
    moderator.groups.add(moderators)
    comment = CommentFactory(
        author=author, target=title, body="Cheap watches at my shop, link in bio."
    )
    review = review_submit(user=author, title=title, data={
        "headline": "Slow but honest", "is_spoiler": False, "episodes_seen": 12, **SCORES,
        "body": "It takes its time, and the harbour town feels lived in by the end. " * 3,
    })  # fmt: skip

    # A member reports the comment and the review, without needing to know any address.
    sign_in(page, "reader")
    page.goto(title.get_absolute_url())
    page.locator(f"#comment-{comment.pk}").get_by_role("link", name="Report").click()
    page.get_by_label("Spam or advertising").check()
    page.get_by_label("More details").fill("The same shop link again.")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Your report was received")).to_be_visible()
    page.goto(title.get_absolute_url())
    page.locator(f"#review-{review.pk}").get_by_role("link", name="Report this review").click()
    page.get_by_label("An unmarked spoiler").check()
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Your report was received")).to_be_visible()

    # The moderator opens the queue, hides the comment and dismisses the review's report.
    page.context.clear_cookies()
    sign_in(page, "mod")
    page.goto("/moderation/")
    expect(page.locator(".queue-item")).to_have_count(2)
    screenshot(page, "moderation-queue")
    page.get_by_role("link", name="Comment by writer").click()
    expect(page.get_by_text("The same shop link again.")).to_be_visible()
    page.get_by_label("Reason").fill("Advertising is not allowed here.")
    screenshot(page, "moderation-item")
    page.get_by_role("button", name="Hide").click()
    expect(page.get_by_text("Hid it: Comment by writer.")).to_be_visible()
    page.get_by_role("link", name="Review of Quiet Harbour: Slow but honest").click()
    page.get_by_role("button", name="Dismiss the reports").click()
    expect(page.get_by_text("Nothing is waiting.")).to_be_visible()

    # The author reads why; readers see a placeholder; the counts stay true.
    page.context.clear_cookies()
    sign_in(page, "writer")
    page.goto(title.get_absolute_url())
    expect(
        page.get_by_text("A moderator hid your comment: Advertising is not allowed here.")
    ).to_be_visible()
    expect(page.get_by_text("Cheap watches")).to_have_count(0)
    expect(page.get_by_text("Slow but honest")).to_be_visible()
    screenshot(page, "moderation-author-view")
    page.context.clear_cookies()
    page.goto(title.get_absolute_url())
    expect(page.get_by_text("[hidden by a moderator]")).to_be_visible()
    expect(page.get_by_text("A moderator hid your comment")).to_have_count(0)
    expect(page.get_by_role("heading", name="Comments (0)")).to_be_visible()
    assert CommentCount.objects.get(object_id=title.pk).count == 0
    assert TitleStats.objects.get(title=title).review_count == 1
    call_command("recompute_stats", "--check")
