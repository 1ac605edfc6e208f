from decimal import Decimal

import pytest
from playwright.sync_api import expect

from reviews.models import Review
from reviews.services import review_submit

pytestmark = pytest.mark.django_db(transaction=True)

SPOILER_BODY = (
    "The turn in the last episode is handled with great care: the diary pages read over the "
    "final scenes explain everything the family could not say to each other."
)


def test_a_reader_writes_a_review_votes_and_reveals_a_spoiler(
    page, sign_in, screenshot, user_factory, title_factory
):
    title = title_factory(title="1 Litre of Tears", episodes=11)
    other = user_factory(username="spoiler_writer")
    scores = {name: Decimal("9.0") for name in ("overall", "story", "acting", "music", "rewatch")}
    spoiler = review_submit(
        user=other,
        title=title,
        data={"headline": "About the ending", "body": SPOILER_BODY, "is_spoiler": True,
              "episodes_seen": 11, **scores},
    )  # fmt: skip
    user_factory(username="reader")
    sign_in(page, "reader")

    page.goto(title.get_absolute_url())
    hidden_text = page.get_by_text("diary pages read over the final scenes")
    expect(hidden_text).to_be_hidden()
    page.get_by_text("Reveal Spoiler »").click()
    expect(hidden_text).to_be_visible()

    helpful = page.locator(f"#helpful-{spoiler.pk}")
    helpful.get_by_role("button", name="Yes").click()
    expect(helpful).to_contain_text("1 of 1 person found this review helpful")
    expect(helpful.get_by_role("button", name="Yes")).to_have_attribute("aria-pressed", "true")

    page.get_by_role("link", name="Write a Review").click()
    for score in ("Overall", "Story", "Acting/Cast", "Music", "Rewatch Value"):
        page.get_by_role("group", name=score, exact=True).get_by_text("8.5", exact=True).click()
    page.locator("#id_headline").fill("Gentle and devastating")
    page.locator("#id_body").fill("Too short")
    page.get_by_role("button", name="Publish review").click()
    expect(page.get_by_text("please write at least 100")).to_be_visible()
    expect(page.locator("#id_headline")).to_have_value("Gentle and devastating")

    page.locator("#id_body").fill(
        "I expected a tearjerker and found a careful portrait of a family that refuses to give "
        "up on ordinary life. The mother's scenes stayed with me for days."
    )
    page.get_by_role("button", name="Publish review").click()
    expect(page.get_by_text("Thank you: your review is published.")).to_be_visible()

    page.goto(title.get_absolute_url())
    expect(page.get_by_text("Reviews: 2 users")).to_be_visible()
    expect(page.get_by_role("link", name="Edit your review")).to_be_visible()
    screenshot(page, "title-page-reviews")
    assert Review.objects.get(user__username="reader").overall == Decimal("8.5")
