import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from comments.models import PATH_DEPTH, Comment
from comments.selectors import comment_count
from comments.services import comment_post

pytestmark = pytest.mark.django_db


def test_posting_stores_the_trimmed_text_and_counts_it(user, title):
    comment = comment_post(author=user, target=title, body="  A quiet, honest drama.  \n")

    assert comment.body == "A quiet, honest drama."
    assert (comment.parent_id, comment.root_id, comment.depth) == (None, None, 0)
    assert comment.state == Comment.State.VISIBLE
    assert comment_count(title) == 1


def test_a_reply_records_its_parent_root_and_depth(user, other_user, title):
    root = comment_post(author=user, target=title, body="Worth watching?")
    reply = comment_post(author=other_user, target=title, body="Yes.", parent_id=root.pk)
    deeper = comment_post(author=user, target=title, body="Thanks!", parent_id=reply.pk)

    assert (reply.parent_id, reply.root_id, reply.depth) == (root.pk, root.pk, 1)
    assert (deeper.parent_id, deeper.root_id, deeper.depth) == (reply.pk, root.pk, 2)
    assert deeper.path.startswith(reply.path) and reply.path.startswith(root.path)
    root.refresh_from_db()
    assert root.reply_count == 2
    assert comment_count(title) == 3


def test_replies_below_the_path_depth_keep_a_short_path(user, title):
    parent = comment_post(author=user, target=title, body="Level 0")
    for level in range(1, PATH_DEPTH + 6):
        parent = comment_post(author=user, target=title, body=f"Level {level}", parent_id=parent.pk)

    assert parent.depth == PATH_DEPTH + 5
    assert len(parent.path) <= Comment._meta.get_field("path").max_length


@pytest.mark.parametrize("body", ["", "   ", "\n\t \n"])
def test_an_empty_or_whitespace_body_is_refused(user, title, body):
    with pytest.raises(ValidationError, match="the comment is empty"):
        comment_post(author=user, target=title, body=body)
    assert not Comment.objects.exists()


def test_a_body_of_ten_thousand_characters_is_accepted_and_one_more_is_refused(
    user, other_user, title
):
    comment_post(author=user, target=title, body="a" * 10_000)
    with pytest.raises(ValidationError, match=r"at most 10,000 characters.*has 10,001"):
        comment_post(author=other_user, target=title, body="a" * 10_001)
    assert Comment.objects.count() == 1


def test_surrounding_spaces_do_not_count_towards_the_limit(user, title):
    comment = comment_post(author=user, target=title, body="  " + "b" * 10_000 + "  ")
    assert len(comment.body) == 10_000


def test_a_parent_that_does_not_exist_is_refused(user, title):
    with pytest.raises(ValidationError, match="does not exist on this page"):
        comment_post(author=user, target=title, body="Hello", parent_id=987654)
    assert not Comment.objects.exists()


def test_a_parent_on_another_title_is_refused(
    user, other_user, title, title_factory, comment_factory
):
    elsewhere = comment_factory(target=title_factory(), author=other_user)
    with pytest.raises(ValidationError, match="does not exist on this page"):
        comment_post(author=user, target=title, body="Hello", parent_id=elsewhere.pk)
    assert Comment.objects.count() == 1


def test_a_reply_to_a_hidden_or_deleted_comment_is_refused(user, title, comment_factory):
    hidden = comment_factory(target=title)
    Comment.objects.filter(pk=hidden.pk).update(state=Comment.State.HIDDEN)
    deleted = comment_factory(target=title)
    Comment.objects.filter(pk=deleted.pk).update(state=Comment.State.DELETED, body="")

    with pytest.raises(ValidationError, match="A moderator hid the comment"):
        comment_post(author=user, target=title, body="Hello", parent_id=hidden.pk)
    with pytest.raises(ValidationError, match="was deleted"):
        comment_post(author=user, target=title, body="Hello", parent_id=deleted.pk)
    assert Comment.objects.count() == 2


def test_an_anonymous_or_inactive_author_is_refused(user_factory, title):
    with pytest.raises(PermissionDenied, match="Sign in"):
        comment_post(author=AnonymousUser(), target=title, body="Hello")
    with pytest.raises(PermissionDenied, match="Sign in"):
        comment_post(author=user_factory(is_active=False), target=title, body="Hello")
    assert not Comment.objects.exists()


def test_a_model_outside_the_allow_list_takes_no_comments(user, person_factory):
    with pytest.raises(ValidationError, match="not open here"):
        comment_post(author=user, target=person_factory(), body="Hello")
    assert not Comment.objects.exists()


def test_markup_is_stored_as_typed(user, title):
    comment = comment_post(author=user, target=title, body="<b>bold</b> <script>x()</script>")
    assert comment.body == "<b>bold</b> <script>x()</script>"
