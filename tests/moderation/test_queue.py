"""The moderation queue: moderators hide, restore, dismiss and suspend; everything is recorded."""

import pytest
from django.core.management import call_command

from comments.models import Comment, CommentCount
from moderation.models import Action, Report
from tests.comments.factories import CommentFactory
from tests.moderation.conftest import report

pytestmark = pytest.mark.django_db


def act(client, item_kind, pk, verb, note=""):
    return client.post(f"/moderation/{item_kind}/{pk}/act/", {"verb": verb, "note": note})


def test_members_outside_the_moderators_cannot_open_the_queue_or_act(client, user_factory, comment):
    client.force_login(user_factory(username="curious"))
    assert client.get("/moderation/").status_code == 403
    assert client.get(f"/moderation/comment/{comment.pk}/").status_code == 403
    assert act(client, "comment", comment.pk, "hide", "No.").status_code == 403
    comment.refresh_from_db()
    assert comment.state == "visible" and not Action.objects.exists()
    client.logout()
    assert client.get("/moderation/")["Location"].startswith("/accounts/login/")


def test_the_queue_lists_the_most_reported_first_then_the_oldest(
    client, moderator, user_factory, author, title_factory
):
    title = title_factory()
    once, twice = CommentFactory(author=author, target=title), CommentFactory(target=title)
    for n, item in enumerate([once, twice, twice]):
        client.force_login(user_factory(username=f"reader{n}"))
        report(client, "comment", item.pk, reason="abuse" if n else "spam")
    client.force_login(moderator)
    html = client.get("/moderation/").content.decode()
    assert html.index(f"/moderation/comment/{twice.pk}/") < html.index(
        f"/moderation/comment/{once.pk}/"
    )
    assert "2 reports" in html and "Harassment, hate or personal attacks (2)" in html
    assert "Spam or advertising (1)" in html
    assert "reader0" not in html  # the queue tallies reasons; reporters are on the item page


def test_hiding_closes_the_reports_records_why_and_keeps_the_counts_true(
    client, moderator, reporter, comment
):
    client.force_login(reporter)
    report(client, "comment", comment.pk)
    client.force_login(moderator)
    page = client.get(f"/moderation/comment/{comment.pk}/").content.decode()
    assert "Buy cheap watches" in page and "reader" in page and "Spam or advertising" in page

    refused = act(client, "comment", comment.pk, "hide")
    assert refused.status_code == 422 and "Say why" in refused.content.decode()

    response = act(client, "comment", comment.pk, "hide", "Advertising is not allowed.")
    assert response["Location"] == "/moderation/"
    comment.refresh_from_db()
    assert (comment.state, comment.hidden_reason) == ("hidden", "Advertising is not allowed.")
    assert Report.objects.get().state == "acted_on"
    assert CommentCount.objects.get().count == 0
    assert "Nothing is waiting" in client.get("/moderation/").content.decode()
    history = client.get(f"/moderation/comment/{comment.pk}/").content.decode()
    assert "mod · hid it: “Advertising is not allowed.”" in history

    act(client, "comment", comment.pk, "restore")
    comment.refresh_from_db()
    assert comment.state == "visible" and CommentCount.objects.get().count == 1
    assert list(Action.objects.values_list("verb", flat=True).order_by("id")) == [
        "hide",
        "restore",
    ]
    call_command("recompute_stats", "--check")


def test_dismissing_closes_the_reports_and_leaves_the_item(client, moderator, reporter, comment):
    client.force_login(reporter)
    report(client, "comment", comment.pk)
    client.force_login(moderator)
    act(client, "comment", comment.pk, "dismiss")
    comment.refresh_from_db()
    assert comment.state == "visible"
    assert Report.objects.get().state == "dismissed"
    # The member may report it again later: only one *open* report each.
    client.force_login(reporter)
    report(client, "comment", comment.pk)
    assert Report.objects.filter(state="open").count() == 1


def test_a_suspended_member_cannot_sign_in_or_post_and_their_words_stay(
    client, moderator, reporter, author, comment
):
    author.set_password("a long enough password")
    author.save()
    writer = type(client)()
    writer.force_login(author)
    client.force_login(reporter)
    report(client, "comment", comment.pk, reason="abuse")
    client.force_login(moderator)
    assert act(client, "comment", comment.pk, "suspend").status_code == 422  # why is required
    act(client, "comment", comment.pk, "suspend", "Repeated advertising.")
    author.refresh_from_db()
    assert not author.is_active

    # Their open session ends, and they cannot post or sign in again.
    title = comment.target
    posted = writer.post(f"/comments/post/{comment.content_type_id}/{title.pk}/", {"body": "Hi"})
    assert posted["Location"].startswith("/accounts/login/")
    assert Comment.objects.count() == 1
    signed_in = type(client)().post(
        "/accounts/login/", {"username": "writer", "password": "a long enough password"}
    )
    assert signed_in.status_code == 422  # refused, as for a wrong password
    # What they wrote stays unless hidden.
    assert "Buy cheap watches" in client.get(title.get_absolute_url()).content.decode()

    act(client, "comment", comment.pk, "reinstate")
    author.refresh_from_db()
    assert author.is_active


def test_staff_accounts_are_not_suspended_from_the_queue(client, moderator, reporter, comment):
    comment.author.is_staff = True
    comment.author.save()
    client.force_login(moderator)
    response = act(client, "comment", comment.pk, "suspend", "Testing.")
    assert response.status_code == 422
    assert "Staff and moderators are not suspended here" in response.content.decode()


def test_only_moderators_find_the_queue_in_the_header(client, moderator, reporter, comment):
    page = comment.target.get_absolute_url()
    assert 'href="/moderation/"' not in client.get(page).content.decode()
    client.force_login(reporter)
    assert 'href="/moderation/"' not in client.get(page).content.decode()
    client.force_login(moderator)
    assert 'href="/moderation/">Moderation</a>' in client.get(page).content.decode()


def test_hiding_from_the_title_page_or_the_admin_is_recorded_on_the_items_history(
    client, moderator, comment
):
    from reviews.models import Review
    from reviews.services import review_hide, review_submit
    from tests.moderation.test_queue_queries import REVIEW

    comment_page = f"/moderation/comment/{comment.pk}/"
    client.force_login(moderator)
    client.post(f"/comments/{comment.pk}/hide/")  # the title page's own Hide button
    assert Action.objects.get().verb == "hide"
    assert (
        "mod · hid it: “It breaks the site&#x27;s rules for comments.”"
        in client.get(comment_page).content.decode()
    )

    review = review_submit(user=comment.author, title=comment.target, data=REVIEW)
    review_hide(review=review, moderator=moderator, reason="Copied from another site.")
    action = Action.objects.latest("id")
    assert (action.kind, action.object_id, action.author, action.note) == (
        "review",
        review.pk,
        comment.author,
        "Copied from another site.",
    )
    assert Review.objects.get().state == "hidden"


def test_a_moderator_leaves_what_they_wrote_to_another(
    client, moderator, user_factory, title_factory
):
    own = CommentFactory(author=moderator, target=title_factory(), body="My own words.")
    client.force_login(user_factory(username="reader"))
    report(client, "comment", own.pk)
    client.force_login(moderator)
    assert client.get(f"/moderation/comment/{own.pk}/").status_code == 403
    assert act(client, "comment", own.pk, "dismiss").status_code == 403
    assert Report.objects.get().state == "open"


def test_moderators_are_not_suspended_from_the_queue(client, moderator, user_factory, comment):
    from django.contrib.auth.models import Group

    comment.author.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    response = act(client, "comment", comment.pk, "suspend", "Testing.")
    assert "Staff and moderators are not suspended here" in response.content.decode()
    comment.author.refresh_from_db()
    assert comment.author.is_active


def test_a_hide_from_the_comments_own_button_closes_its_reports(
    client, moderator, reporter, comment
):
    client.force_login(reporter)
    report(client, "comment", comment.pk)
    client.force_login(moderator)
    client.post(f"/comments/{comment.pk}/hide/")
    assert Report.objects.get().state == "acted_on"
    assert "Nothing is waiting" in client.get("/moderation/").content.decode()


def test_the_reports_of_an_item_its_author_deleted_can_be_dismissed(
    client, moderator, reporter, author, title_factory
):
    from decimal import Decimal

    from reviews.services import review_delete, review_submit

    scores = {name: Decimal("5.0") for name in ("overall", "story", "acting", "music", "rewatch")}
    body = "Not for me: the story wanders and the ending arrives without any warning. " * 2
    review = review_submit(user=author, title=title_factory(), data={
        "headline": "", "body": body, "is_spoiler": False, "episodes_seen": 1, **scores,
    })  # fmt: skip
    client.force_login(reporter)
    report(client, "review", review.pk)
    review_delete(user=author, review=review)
    client.force_login(moderator)
    html = client.get("/moderation/").content.decode()
    assert f"Review {review.pk}, which no longer exists" in html
    assert act(client, "review", review.pk, "hide", "Gone").status_code == 404
    assert act(client, "review", review.pk, "dismiss")["Location"] == "/moderation/"
    assert Report.objects.get().state == "dismissed"
    assert "Nothing is waiting" in client.get("/moderation/").content.decode()
