import pytest

from comments.models import Comment, CommentCount
from core.counters import counter_add
from tests.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_a_counter_row_is_created_by_its_first_write_and_then_added_to(title_factory):
    title = title_factory()
    keys = {"content_type_id": 1, "object_id": title.pk}
    counter_add(CommentCount, keys=keys, delta=2)
    counter_add(CommentCount, keys=keys, delta=-1)
    assert CommentCount.objects.get(**keys).count == 1


def test_a_counter_on_a_row_of_its_own_is_only_updated(title_factory, user_factory):
    root = CommentFactory(target=title_factory(), author=user_factory())
    keys = {"pk": root.pk}
    counter_add(Comment, keys=keys, field="reply_count", delta=3, create=False)
    counter_add(Comment, keys=keys, field="reply_count", delta=-1, create=False)
    root.refresh_from_db()
    assert root.reply_count == 2
    # No row, nothing made: a comment is never created by counting it.
    counter_add(Comment, keys={"pk": root.pk + 1000}, field="reply_count", delta=1, create=False)
    assert Comment.objects.count() == 1
