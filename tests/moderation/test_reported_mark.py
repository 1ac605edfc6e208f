"""After reporting, the Report link reads "Reported" for its reporter, and only for them."""

import pytest

from tests.moderation.conftest import report

pytestmark = pytest.mark.django_db


def report_links(html: str, pk: int) -> tuple[bool, bool]:
    link = f'href="/report/comment/{pk}/"'
    return link in html, f'id="reported-comment-{pk}"' in html


def test_the_reporter_reads_reported_instead_of_the_link(client, comment, reporter, user_factory):
    page = comment.target.get_absolute_url()
    client.force_login(reporter)
    assert report_links(client.get(page).content.decode(), comment.pk) == (True, False)

    assert report(client, "comment", comment.pk).status_code == 302

    html = client.get(page).content.decode()
    assert report_links(html, comment.pk) == (False, True)
    assert ">Reported</span>" in html
    client.force_login(user_factory(username="someone_else"))
    assert report_links(client.get(page).content.decode(), comment.pk) == (True, False)
    client.logout()
    assert report_links(client.get(page).content.decode(), comment.pk) == (True, False)
