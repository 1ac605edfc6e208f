import pytest

from comments.models import Comment, CommentCount

pytestmark = pytest.mark.django_db


def test_deleting_a_title_removes_its_comments_and_count_only(title_factory, comment_factory):
    doomed = title_factory()
    kept = title_factory()
    root = comment_factory(target=doomed)
    comment_factory(parent=comment_factory(parent=root))
    survivor = comment_factory(target=kept)

    doomed.delete()

    assert list(Comment.objects.values_list("pk", flat=True)) == [survivor.pk]
    assert list(CommentCount.objects.values_list("object_id", flat=True)) == [kept.pk]
