"""An action posted without one of the queue's buttons (no verb, or one it does not know) is
refused with words on the page, and the reason typed stays in the form."""

import pytest

from moderation.models import Action, Report
from tests.moderation.conftest import report

pytestmark = pytest.mark.django_db

NOTE = "Selling watches in the comments."


@pytest.mark.parametrize("data", [{"note": NOTE}, {"verb": "explode", "note": NOTE},
                                  {"verb": "", "note": NOTE}])  # fmt: skip
def test_a_missing_or_unknown_verb_says_to_choose_and_keeps_the_note(
    client, moderator, reporter, comment, data
):
    client.force_login(reporter)
    report(client, "comment", comment.pk)
    client.force_login(moderator)

    response = client.post(f"/moderation/comment/{comment.pk}/act/", data)

    html = response.content.decode()
    assert response.status_code == 422
    assert 'role="alert"' in html
    assert "Choose what to do" in html
    assert NOTE in html
    assert not Action.objects.exists()
    assert Report.objects.get().state == "open"
