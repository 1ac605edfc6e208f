"""While Redis is away pages render from the database for everybody, with nothing stored or
read under page versions that the cache cannot keep (core/page_cache.py)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from comments.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def title(title_factory):
    return title_factory(title="Quiet Harbour", episodes=12)


def test_a_visitor_gets_each_page_rendered_afresh(client, title, redis_away):
    for _ in range(2):
        response = client.get(title.get_absolute_url())
        assert response.status_code == 200
        assert "Quiet Harbour" in response.content.decode()
        assert "X-Page-Cache" not in response  # neither read from the cache nor stored there
        assert "ETag" not in response  # no versions, so nothing to tell a browser's copy by


def test_a_member_sees_their_own_parts_and_their_comment(client, user, title, redis_away):
    client.force_login(user)
    content_type = ContentType.objects.get_for_model(title)
    response = client.post(
        f"/comments/post/{content_type.pk}/{title.pk}/", {"body": "Still watching."}
    )
    assert response.status_code == 302
    assert Comment.objects.filter(author=user).count() == 1
    response = client.get(title.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Still watching." in html and "alice" in html
    assert "private" in response["Cache-Control"]


def test_a_moderator_opens_the_queue_with_permissions_read_from_the_database(
    client, moderator, redis_away
):
    client.force_login(moderator)
    response = client.get("/moderation/")
    assert response.status_code == 200
    assert response.wsgi_request.user.has_perm("moderation.change_report")
