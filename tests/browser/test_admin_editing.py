"""An editor in the admin: the title form's country is a menu, and reverting a change goes
through a page that shows what it would set before anything is saved."""

import re

from playwright.sync_api import expect

from titles.models import Title


def test_an_editor_picks_a_country_and_reverts_a_change_after_confirming(
    page, admin_user, title_factory, screenshot
):
    title = title_factory(title="Winter Sonata", country="JP")
    page.goto("/admin/login/")
    page.locator("#id_username").fill(admin_user.username)
    page.locator("#id_password").fill("password")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"/admin/titles/title/{title.pk}/change/")
    page.get_by_label("Country").select_option(label="South Korea")
    page.get_by_label("Reason for this change").fill("Made by KBS2 in Korea")
    screenshot(page, "admin-title-country")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_label("Country")).to_have_value("KR")

    page.goto(f"/admin/titles/title/{title.pk}/history/")
    page.get_by_role("link", name="Revert this change…").first.click()
    expect(page.get_by_role("row", name=re.compile("Country South Korea Japan"))).to_be_visible()
    screenshot(page, "admin-revert-confirmation")
    assert Title.objects.get().country == "KR"  # nothing done by looking

    page.get_by_role("button", name="Yes, revert this change").click()
    expect(page.get_by_text("Country set back.")).to_be_visible()
    expect(page.get_by_role("link", name="Undo this revert…")).to_be_visible()
    screenshot(page, "admin-history-after-revert")
    assert Title.objects.get().country == "JP"
