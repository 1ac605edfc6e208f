"""An import in a real browser: upload a spreadsheet, follow its matching, choose a title where
several could be meant, apply it, and find the titles on one's list."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from reviews.models import ListEntry
from tests.imports import catalogue
from tests.imports.make_files import FILES

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    call_command("worker", "--batch", verbosity=0)


def test_upload_review_apply_and_see_the_list(page, sign_in, user_factory, screenshot):
    catalogue.load()
    member = user_factory(username="switcher")
    sign_in(page, member.username)
    page.goto("/")
    page.get_by_text("switcher").first.click()
    page.get_by_role("link", name="Import & export").first.click()
    page.get_by_label("Your file").set_input_files(FILES / "spreadsheet.csv")
    page.get_by_role("button", name="Read the file").click()
    expect(page.locator("#import-progress")).to_contain_text("Matching 50 titles")

    run_worker()  # the page asks again every two seconds, and shows the review once done
    tabs = page.get_by_role("navigation", name="Rows by match")
    expect(tabs).to_contain_text("Choose the title 4", timeout=10_000)
    screenshot(page, "import-review")
    first = page.locator(".import-row").first
    first.locator("input[type=radio]").first.check()
    first.get_by_role("button", name="Use this title").click()
    expect(page.get_by_role("alert").or_(page.locator(".alert-success"))).to_contain_text("Row")
    expect(tabs).to_contain_text("Choose the title 3")

    apply = page.get_by_role("button", name="Import 43 titles")
    apply.click()
    expect(page.locator("#import-progress")).to_contain_text("Adding 43 titles")
    run_worker()
    expect(page.locator("#import-progress")).to_contain_text("Done", timeout=10_000)
    screenshot(page, "import-applied")
    page.locator("#import-progress").get_by_role("link", name="your list").click()
    expect(page.locator("main")).to_contain_text("1 Litre of Tears")
    assert ListEntry.objects.filter(user=member).count() == 43
