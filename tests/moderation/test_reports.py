"""Members report what breaks the rules; the author never learns who reported them."""

import pytest

from moderation.models import Report
from tests.moderation.conftest import report

pytestmark = pytest.mark.django_db


def test_a_member_reports_a_comment_and_is_told_it_was_received(client, reporter, comment):
    client.force_login(reporter)
    form = client.get(f"/report/comment/{comment.pk}/").content.decode()
    assert "Report this comment" in form and "Buy cheap watches" in form
    assert 'name="reason" value="spam"' in form and "An unmarked spoiler" in form

    response = report(client, "comment", comment.pk, note="The same link every day.", follow=True)
    assert "Your report was received" in response.content.decode()
    saved = Report.objects.get()
    assert (saved.kind, saved.object_id, saved.reason) == ("comment", comment.pk, "spam")
    assert (saved.reporter, saved.author, saved.state) == (reporter, comment.author, "open")


def test_a_second_open_report_by_the_same_member_is_refused(client, reporter, comment):
    client.force_login(reporter)
    report(client, "comment", comment.pk)
    response = report(client, "comment", comment.pk, reason="abuse", note="Again.")
    assert response.status_code == 422
    html = response.content.decode()
    assert "You have already reported this." in html
    assert "Again." in html  # nothing typed is lost
    assert Report.objects.count() == 1


def test_reporting_signed_out_asks_to_sign_in(client, comment):
    response = report(client, "comment", comment.pk)
    assert response["Location"].startswith("/accounts/login/")
    assert client.get(f"/report/comment/{comment.pk}/")["Location"].startswith("/accounts/login/")
    assert not Report.objects.exists()


def test_nobody_reports_what_they_wrote(client, comment):
    client.force_login(comment.author)
    response = report(client, "comment", comment.pk)
    assert response.status_code == 422
    assert "You cannot report what you wrote yourself." in response.content.decode()
    assert not Report.objects.exists()


def test_a_reason_from_the_list_is_required(client, reporter, comment):
    client.force_login(reporter)
    response = report(client, "comment", comment.pk, reason="boring", note="Dull.")
    assert response.status_code == 422
    assert "Select a valid choice." in response.content.decode()
    assert not Report.objects.exists()


def test_unknown_kinds_and_items_are_not_found(client, reporter, comment):
    client.force_login(reporter)
    assert client.get(f"/report/poster/{comment.pk}/").status_code == 404
    assert client.get("/report/comment/999999/").status_code == 404


def test_a_profile_can_be_reported(client, reporter, author):
    author.bio = "Visit my shop for cheap watches."
    author.save()
    client.force_login(reporter)
    profile = client.get(author.get_absolute_url()).content.decode()
    assert f'href="/report/profile/{author.pk}/"' in profile
    report(client, "profile", author.pk)
    assert Report.objects.get().author == author


def test_reports_are_throttled(client, settings, reporter, comment_factory_for):
    settings.REPORT_RATE = "2/h"
    client.force_login(reporter)
    comments = comment_factory_for(3)
    assert report(client, "comment", comments[0].pk).status_code == 302
    assert report(client, "comment", comments[1].pk).status_code == 302
    refused = report(client, "comment", comments[2].pk, note="Third one.")
    assert refused.status_code == 429
    assert "Third one." in refused.content.decode()
    assert Report.objects.count() == 2


@pytest.fixture
def comment_factory_for(author, title_factory):
    from tests.comments.factories import CommentFactory

    def make(n):
        title = title_factory()
        return [CommentFactory(author=author, target=title) for _ in range(n)]

    return make


def test_the_author_never_sees_who_reported_them(client, reporter, author, comment):
    client.force_login(reporter)
    report(client, "comment", comment.pk, note="Spam again")
    client.force_login(author)
    assert client.get("/moderation/").status_code == 403
    assert client.get(f"/moderation/comment/{comment.pk}/").status_code == 403
    page = client.get(comment.get_absolute_url()).content.decode()
    assert reporter.username not in page and "Spam again" not in page


def test_reviews_comments_and_reasons_carry_a_report_link(client, author, title_factory):
    from decimal import Decimal

    from recommendations.models import RecommendationReason
    from recommendations.services import recommendation_add
    from reviews.services import review_submit
    from tests.comments.factories import CommentFactory

    title, other = title_factory(), title_factory()
    comment = CommentFactory(author=author, target=title)
    scores = {name: Decimal("7.0") for name in ("overall", "story", "acting", "music", "rewatch")}
    body = "A patient story about a family, told without hurry and acted with care. " * 3
    review = review_submit(user=author, title=title, data={
        "headline": "Patient", "body": body, "is_spoiler": False, "episodes_seen": 1, **scores,
    })  # fmt: skip
    why = "Both follow one family through a whole year of small changes."
    recommendation = recommendation_add(user=author, title=title, other=other, reason=why)
    reason = RecommendationReason.objects.get()

    page = client.get(title.get_absolute_url()).content.decode()
    assert f'href="/report/comment/{comment.pk}/"' in page
    assert f'href="/report/review/{review.pk}/"' in page
    reasons = client.get(recommendation.get_absolute_url()).content.decode()
    assert f'href="/report/reason/{reason.pk}/"' in reasons


def test_hidden_items_and_suspended_profiles_cannot_be_read_through_the_report_page(
    client, reporter, author, moderator, comment
):
    from comments.services import comment_hide

    comment_hide(comment=comment, moderator=moderator, reason="Advertising.")
    client.force_login(reporter)
    response = client.get(f"/report/comment/{comment.pk}/")
    assert response.status_code == 404 and "Buy cheap watches" not in response.content.decode()
    author.bio = "Cheap watches"
    author.is_active = False
    author.save()
    assert client.get(f"/report/profile/{author.pk}/").status_code == 404
    assert report(client, "profile", author.pk).status_code == 404
    assert not Report.objects.exists()


def test_no_reason_is_chosen_in_advance(client, reporter, comment):
    client.force_login(reporter)
    html = client.get(f"/report/comment/{comment.pk}/").content.decode()
    assert "checked" not in html and "---------" not in html
