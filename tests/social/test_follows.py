"""Following and blocking from profiles: counts kept true, clear refusals, and a blocked
member no longer sees the blocker's activity."""

import pytest

from social import services
from social.counts import social_counts_recompute
from social.selectors import standing

pytestmark = pytest.mark.django_db


def test_follow_counts_follow_the_rows(user_factory):
    alice, bob, carol = (user_factory(username=n) for n in ("alice", "bob", "carol"))
    assert services.follow(follower=bob, followed=alice)
    assert not services.follow(follower=bob, followed=alice)
    services.follow(follower=carol, followed=alice)
    services.follow(follower=alice, followed=carol)
    assert standing(alice, bob).followers == 2 and standing(alice, bob).following == 1
    assert standing(alice, bob).viewer_follows
    services.block(blocker=alice, blocked=carol)  # ends their follows both ways
    assert (standing(alice, bob).followers, standing(alice, bob).following) == (1, 0)
    assert standing(alice, carol).blocks_viewer and standing(carol, alice).viewer_blocks
    assert social_counts_recompute(check=True) == []


def test_follow_and_block_from_the_profile(client, user_factory):
    alice, bob = user_factory(username="alice"), user_factory(username="bob")
    client.force_login(bob)
    page = client.post("/users/alice/follow/", follow=True).content.decode()
    assert "You follow alice" in page and "1</strong> follower" in page
    assert "Following</button>" in page
    page = client.post("/users/alice/follow/", {"follow": "no"}, follow=True).content.decode()
    assert "no longer follow" in page and "0</strong> followers" in page
    client.force_login(alice)
    client.post("/users/bob/block/")
    client.force_login(bob)
    page = client.post("/users/alice/follow/", follow=True).content.decode()
    assert "alice does not accept follows from you." in page
    assert "does not share their activity with you" in page
    assert client.post("/users/bob/follow/").status_code == 302
    assert client.get("/users/nobody/").status_code == 404
    assert client.post("/users/nobody/follow/").status_code == 404
