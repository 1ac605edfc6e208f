import pytest
from django.contrib.auth.models import Group

from comments.models import Comment
from comments.selectors import comment_count

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"


@pytest.fixture
def staff_moderator(moderator):
    moderator.is_staff = True
    moderator.save(update_fields=["is_staff"])
    return moderator


def test_the_moderators_group_moderates_members_writing_and_nothing_else():
    moderators = Group.objects.get(name="Moderators")
    assert set(moderators.permissions.values_list("codename", flat=True)) == {
        "view_comment",
        "change_comment",
        "view_review",
        "moderate_review",
        "view_recommendationreason",
        "moderate_recommendationreason",
        "view_report",
        "change_report",
        "view_action",
    }


def test_a_moderator_finds_comments_by_text_and_state(
    client, staff_moderator, title, comment_factory
):
    comment_factory(target=title, body="Please stop posting spoilers in the title.")
    comment_factory(target=title, body="Lovely drama.")
    client.force_login(staff_moderator)

    html = client.get(CHANGELIST, {"q": "spoilers", "state__exact": "visible"}).content.decode()

    assert "Please stop posting spoilers" in html
    assert "Lovely drama." not in html


def test_the_hide_and_restore_actions_go_through_the_services(
    client, staff_moderator, title, comment_factory
):
    first = comment_factory(target=title)
    second = comment_factory(target=title)
    client.force_login(staff_moderator)

    client.post(CHANGELIST, {"action": "hide", "_selected_action": [first.pk, second.pk]})
    assert set(Comment.objects.values_list("state", flat=True)) == {"hidden"}
    assert comment_count(title) == 0

    response = client.post(
        CHANGELIST, {"action": "restore", "_selected_action": [first.pk]}, follow=True
    )
    assert Comment.objects.get(pk=first.pk).is_visible
    assert comment_count(title) == 1
    assert "1 comment(s) restored." in response.content.decode()


def test_an_action_that_does_not_apply_says_so_and_changes_nothing(
    client, staff_moderator, title, comment_factory
):
    comment = comment_factory(target=title)
    client.force_login(staff_moderator)
    response = client.post(
        CHANGELIST, {"action": "restore", "_selected_action": [comment.pk]}, follow=True
    )
    assert "1 comment(s) left as they were" in response.content.decode()
    assert comment_count(title) == 1


def test_comments_cannot_be_added_or_deleted_in_the_admin(
    client, staff_moderator, title, comment_factory
):
    comment = comment_factory(target=title)
    client.force_login(staff_moderator)
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert client.post(f"{CHANGELIST}{comment.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_the_change_form_edits_only_the_spoiler_flag(
    client, staff_moderator, title, comment_factory
):
    comment = comment_factory(target=title, body="Original words")
    client.force_login(staff_moderator)

    client.post(
        f"{CHANGELIST}{comment.pk}/change/",
        {"is_spoiler": "on", "body": "Rewritten", "state": "hidden"},
    )

    comment.refresh_from_db()
    assert (comment.is_spoiler, comment.body, comment.state) == (True, "Original words", "visible")
