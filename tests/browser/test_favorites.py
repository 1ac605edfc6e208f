"""Favorites in a real browser: a member favors a title and a person, in place, and finds
them on their profile."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_favorites_are_added_in_place_and_shown_on_the_profile(
    page, sign_in, user_factory, title_factory, person_factory, screenshot
):
    member = user_factory(username="fan")
    title = title_factory(title="Harbour of Letters")
    person = person_factory(name="Narumi Riko")
    sign_in(page, member.username)

    page.goto(title.get_absolute_url())
    part = page.locator(f"#favorite-title-{title.pk}")
    expect(part).to_contain_text("Favorites: 0")
    part.get_by_role("button", name="Add to favorites").click()
    expect(part).to_contain_text("Favorites: 1")
    expect(part.get_by_role("button", name="In your favorites")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.goto(person.get_absolute_url())
    page.locator(f"#favorite-person-{person.pk}").get_by_role("button").click()
    expect(page.locator(f"#favorite-person-{person.pk}")).to_contain_text("Favorites: 1")

    page.goto(f"/users/{member.username}/")
    expect(page.get_by_role("list", name="Favorite titles")).to_contain_text("Harbour of Letters")
    expect(page.get_by_role("list", name="Favorite people")).to_contain_text("Narumi Riko")
    screenshot(page, "profile-favorites")
