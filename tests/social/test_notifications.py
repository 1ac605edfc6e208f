"""Notifications: who hears of what, gathering alike ones, the stored unread count (and its
audit), preferences and blocks, and the bell's and page's fixed cost."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from comments.services import comment_hide, comment_post
from reviews.services import review_submit, review_vote
from social import services
from social.counts import social_counts_recompute
from social.models import Inbox, Kind, Notification
from social.selectors import unread_count

pytestmark = pytest.mark.django_db


def _texts(user) -> list[str]:
    return [n.text for n in Notification.objects.for_member(user.pk)]


@pytest.fixture
def alice(user_factory):
    return user_factory(username="alice")


@pytest.fixture
def bob(user_factory):
    return user_factory(username="bob")


def test_a_reply_tells_the_one_replied_to_and_the_threads_starter(title, alice, bob, user_factory):
    carol = user_factory(username="carol")
    root = comment_post(author=alice, target=title, body="The ending broke me.")
    reply = comment_post(author=bob, target=title, body="Same here.", parent_id=root.pk)
    comment_post(author=carol, target=title, body="Me too, bob.", parent_id=reply.pk)
    assert _texts(alice) == [
        f"replied in your thread on {title}",
        f"replied to your comment on {title}",
    ]
    assert _texts(bob) == [f"replied to your comment on {title}"]
    assert unread_count(alice) == 2 and unread_count(carol) == 0
    assert Notification.objects.for_member(bob.pk).get().url == f"/comments/{reply.pk + 1}/"


def test_mentions_are_told_once_capped_and_own_replies_tell_nobody(title, alice, bob, settings):
    settings.MENTIONS_MAX = 1
    root = comment_post(author=alice, target=title, body="Watching it again.")
    comment_post(author=alice, target=title, body="Talking to myself, @alice.", parent_id=root.pk)
    comment_post(author=bob, target=title, body="@alice @bob @nobody agreed!", parent_id=root.pk)
    assert _texts(alice) == [f"replied to your comment on {title}"]  # a mention of the one
    comment_post(author=bob, target=title, body="@nobody and @alice, look")
    assert unread_count(alice) == 1  # only @nobody is linked and told: the cap is one


def test_helpful_votes_gather_in_one_unread_notification(title, alice, user_factory, rate):
    review = review_submit(user=alice, title=title, data=_review_data())
    voters = [user_factory() for _ in range(3)]
    for voter in voters:
        review_vote(user=voter, review=review, helpful=True)
    review_vote(user=voters[0], review=review, helpful=True)  # again: nothing new
    (gathered,) = Notification.objects.for_member(alice.pk)
    assert gathered.count == 3 and gathered.actor == voters[-1]
    assert unread_count(alice) == 1
    services.notification_open(user=alice, notification_id=gathered.pk)
    review_vote(user=user_factory(), review=review, helpful=True)
    assert [n.count for n in Notification.objects.for_member(alice.pk)] == [1, 3]
    assert unread_count(alice) == 1


def _review_data(body: str = "A quiet film about a loud family. " * 5) -> dict:
    scores = {name: Decimal("8") for name in ("story", "acting", "music", "rewatch")}
    return {
        "headline": "Worth it",
        "body": body,
        "is_spoiler": False,
        "episodes_seen": 0,
        "overall": Decimal("8"),
        **scores,
    }


def test_a_muted_kind_and_a_blocked_actor_are_not_told(title, alice, bob, user_factory):
    services.preferences_save(user=alice, muted=[Kind.REPLY], digest=False)
    root = comment_post(author=alice, target=title, body="First!")
    comment_post(author=bob, target=title, body="Second.", parent_id=root.pk)
    assert unread_count(alice) == 0
    follower = user_factory()
    services.block(blocker=alice, blocked=follower)
    with pytest.raises(ValidationError, match="does not accept follows"):
        services.follow(follower=follower, followed=alice)
    services.follow(follower=bob, followed=alice)
    assert _texts(alice) == ["followed you"]


def test_blocked_members_cannot_reply_or_mention(title, alice, bob):
    root = comment_post(author=alice, target=title, body="My thoughts on the finale.")
    services.block(blocker=alice, blocked=bob)
    with pytest.raises(ValidationError, match="alice does not accept replies from you"):
        comment_post(author=bob, target=title, body="Wrong.", parent_id=root.pk)
    with pytest.raises(ValidationError, match="@alice does not accept mentions from you"):
        comment_post(author=bob, target=title, body="Ask @alice about it.")
    comment_post(author=bob, target=title, body="A comment of my own.")
    assert unread_count(alice) == 0


def test_a_moderator_hiding_a_comment_tells_its_author_why(title, alice, moderator):
    comment = comment_post(author=alice, target=title, body="Spoilers ahead without warning.")
    comment_hide(comment=comment, moderator=moderator, reason="Mark spoilers as spoilers.")
    (told,) = Notification.objects.for_member(alice.pk)
    assert told.kind == Kind.MODERATED and told.actor is None
    assert "Mark spoilers as spoilers." in told.text


def test_read_all_and_the_audit_keep_the_unread_count_true(title, alice, user_factory):
    for _ in range(3):
        services.follow(follower=user_factory(), followed=alice)
    assert unread_count(alice) == 1  # followers gather too
    services.notify(recipient_ids=[alice.pk], kind=Kind.EPISODE, text="Episode 2 aired", url="/")
    assert unread_count(alice) == 2
    assert services.notifications_read_all(user=alice) == 2
    assert unread_count(alice) == 0 and social_counts_recompute(check=True) == []
    Inbox.objects.filter(user=alice).update(unread=5)
    assert [(d.what, d.stored, d.actual) for d in social_counts_recompute(check=True)] == [
        ("unread", 5, 0)
    ]
    with pytest.raises(Exception, match="1 count"):
        call_command("recount_social", "--check")
    call_command("recount_social")
    assert unread_count(alice) == 0


def test_someone_elses_notification_cannot_be_opened(client, alice, bob):
    services.follow(follower=bob, followed=alice)
    (told,) = Notification.objects.for_member(alice.pk)
    client.force_login(bob)
    response = client.get(f"/notifications/{told.pk}/", follow=True)
    assert "not one of yours" in response.content.decode()
    assert unread_count(alice) == 1
    client.force_login(alice)
    assert client.get(f"/notifications/{told.pk}/")["Location"] == "/users/bob/"
    assert unread_count(alice) == 0


@pytest.mark.parametrize("size", [10, 10_000])
def test_the_bell_and_the_page_cost_the_same_however_many(
    client, alice, bob, size, django_assert_max_num_queries
):
    rows = [
        Notification(
            recipient=alice, actor=bob, kind=Kind.MENTION, text=f"mentioned you {n}", url="/"
        )
        for n in range(size)
    ]
    Notification.objects.bulk_create(rows, batch_size=2000)
    Inbox.objects.create(user=alice, unread=size)
    client.force_login(alice)
    client.get("/notifications/")
    # The page of notifications (the member and their session are cached); the unread count
    # for the page and the bell comes from the cache after the first look.
    with django_assert_max_num_queries(1) as queries:
        html = client.get("/notifications/").content.decode()
    assert len(queries) == 1
    assert f"Notifications, {size} unread" in html and html.count(
        'class="notification is-unread'
    ) == min(size, 30)
    assert ('rel="next"' in html) == (size > 30)


def test_a_block_covers_the_blockers_threads_and_reviews(title, alice, bob, user_factory, rate):
    carol = user_factory(username="carol")
    started = comment_post(author=alice, target=title, body="Who else cried at the end?")
    reply = comment_post(author=carol, target=title, body="I did.", parent_id=started.pk)
    review = review_submit(user=alice, title=title, data=_review_data())
    services.block(blocker=alice, blocked=bob)
    with pytest.raises(ValidationError, match="alice does not accept replies from you"):
        comment_post(author=bob, target=title, body="Not me.", parent_id=reply.pk)
    with pytest.raises(ValidationError, match="alice does not accept replies from you"):
        comment_post(author=bob, target=review, body="Overrated.")
    comment_post(author=carol, target=review, body="Well put.")
    assert _texts(alice)[0] == f"commented on your review of {title}"


def test_changing_a_no_to_a_yes_tells_and_a_repeat_follow_counts_once(title, alice, bob, rate):
    review = review_submit(user=alice, title=title, data=_review_data())
    review_vote(user=bob, review=review, helpful=False)
    assert unread_count(alice) == 0
    review_vote(user=bob, review=review, helpful=True)
    assert _texts(alice) == [f"found your review of {title} helpful"]
    services.follow(follower=bob, followed=alice)
    services.unfollow(follower=bob, followed=alice)
    services.follow(follower=bob, followed=alice)
    followed = Notification.objects.for_member(alice.pk).get(kind=Kind.FOLLOWER)
    assert followed.count == 1 and followed.url == "/users/bob/"


def test_a_spoiler_never_reaches_a_notifications_quote(title, alice, bob):
    root = comment_post(author=alice, target=title, body="Thoughts on the finale?")
    comment_post(author=bob, target=title, body="||She dies.|| Sad.", parent_id=root.pk)
    comment_post(author=bob, target=title, body="It ends badly.", parent_id=root.pk,
                 is_spoiler=True)  # fmt: skip
    assert [n.quote for n in Notification.objects.for_member(alice.pk)] == ["", "[spoiler] Sad."]


@pytest.mark.slow
def test_the_bell_rings_from_the_database_while_redis_is_away(client, alice, bob, redis_away):
    """The bell's count lives in the shared cache; with Redis gone (a port nobody answers) the
    page still shows it, read from the inbox, within the cache's deadline."""
    services.follow(follower=bob, followed=alice)
    client.force_login(alice)
    response = client.get("/notifications/")
    assert response.status_code == 200
    assert "Notifications, 1 unread" in response.content.decode()
