"""The feed: what the members one follows did, each item linking to its object; hidden,
deleted and private items never appear; its cost does not grow with how many one follows."""

import pytest

from comments.services import comment_delete, comment_hide, comment_post
from lists.services import custom_list_create
from recommendations.services import recommendation_add
from reviews.services import list_entry_save
from social import services
from social.models import Follow, FollowCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(user_factory):
    reader, followed = user_factory(username="reader"), user_factory(username="kaito")
    services.follow(follower=reader, followed=followed)
    return reader, followed


def _feed(client, reader) -> str:
    client.force_login(reader)
    response = client.get("/feed/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_feed_shows_what_followed_members_did(client, pair, title_factory, rate, moderator):
    reader, kaito = pair
    quiet, loud = title_factory(title="Quiet Harbour"), title_factory(title="Loud Valley")
    rate(kaito, quiet, "8.5")
    rate(kaito, loud, "7.0", status="watching")
    custom_list_create(user=kaito, name="Rainy day dramas")
    recommendation_add(
        user=kaito,
        title=quiet,
        other=loud,
        reason="Both are about a family that will not talk. " * 2,
    )
    said = comment_post(author=kaito, target=loud, body="The second half is where it shines.")
    html = _feed(client, reader)
    assert f'completed <a href="{quiet.get_absolute_url()}">Quiet Harbour</a> <span' in html
    assert f'rated <a href="{loud.get_absolute_url()}">Loud Valley</a> <span' in html
    assert "8.5" in html and "7.0" in html and "Rainy day dramas" in html
    assert "Quiet Harbour and Loud Valley" in html or "Loud Valley and Quiet Harbour" in html
    assert said.get_absolute_url() in html and "where it shines" in html
    comment_hide(comment=said, moderator=moderator, reason="Testing the feed.")
    custom_list_create(user=kaito, name="Secret shelf", is_private=True)
    list_entry_save(user=kaito, title=quiet, status="completed", score=None, is_private=True)
    html = _feed(client, reader)
    assert "where it shines" not in html and "Secret shelf" not in html
    assert "Quiet Harbour</a> <span" not in html  # the rating, now private, is gone


def test_a_deleted_comment_leaves_the_feed_and_strangers_never_show(
    client, pair, title, user_factory
):
    reader, kaito = pair
    said = comment_post(author=kaito, target=title, body="Episode four changed everything.")
    comment_post(author=user_factory(), target=title, body="A stranger's words here.")
    html = _feed(client, reader)
    assert "changed everything" in html and "stranger" not in html
    comment_delete(comment=said, user=kaito)
    assert "changed everything" not in _feed(client, reader)
    assert "Your feed is empty" in _feed(client, kaito)


@pytest.fixture
def title(title_factory):
    return title_factory(title="Pure Soul")


@pytest.mark.parametrize("followed", [10, 1000])
def test_the_feed_costs_the_same_however_many_are_followed(
    client, user_factory, title, followed, django_assert_max_num_queries
):
    reader = user_factory(username="reader")
    members = [user_factory() for _ in range(followed)]
    Follow.objects.bulk_create(Follow(follower=reader, followed=m) for m in members)
    FollowCount.objects.create(user=reader, following=followed)
    for n in range(40):
        comment_post(author=members[n % followed], target=title, body=f"Thought {n} on the finale.")
    client.force_login(reader)
    client.get("/feed/")
    # The member's session, row and bell are cached: the page of activities with actors and
    # titles, and the comments still shown.
    with django_assert_max_num_queries(2) as queries:
        html = client.get("/feed/").content.decode()
    assert len(queries) == 2
    assert html.count('class="feed-item"') == 30 and 'rel="next"' in html
