"""A member posts one comment every COMMENT_RATE_LIMIT_SECONDS, counted like every other
throttle (core/throttle.py); a refusal says how long to wait and keeps the text."""

import django_ratelimit.core
import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from comments.models import Comment
from tests.concurrency import run_together

pytestmark = pytest.mark.django_db


class Clock:
    """The throttle's time, moved by hand: its windows are whole periods of the clock."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(django_ratelimit.core, "time", clock)
    return clock


def post_url(target) -> str:
    content_type = ContentType.objects.get_for_model(target)
    return f"/comments/post/{content_type.pk}/{target.pk}/"


def test_a_second_post_within_the_limit_is_refused_with_the_wait_and_keeps_the_text(
    client, user, title, clock
):
    client.force_login(user)
    assert client.post(post_url(title), {"body": "First."}).status_code == 302

    response = client.post(post_url(title), {"body": "Second, typed quickly."})

    assert response.status_code == 429
    html = response.content.decode()
    assert "You are posting too fast: one comment every 10 seconds. Please wait " in html
    wait = int(html.split("Please wait ")[1].split(" second")[0])
    assert 1 <= wait <= 10
    assert "Second, typed quickly.</textarea>" in html
    assert Comment.objects.count() == 1


def test_with_htmx_the_refusal_is_a_429_that_keeps_the_section(client, user, title, clock):
    client.force_login(user)
    client.post(post_url(title), {"body": "First."})

    response = client.post(post_url(title), {"body": "Second."}, headers={"HX-Request": "true"})

    assert response.status_code == 429
    assert "You are posting too fast" in response.content.decode()
    assert Comment.objects.count() == 1


def test_posting_again_after_the_limit_is_allowed(client, user, title, clock):
    client.force_login(user)
    client.post(post_url(title), {"body": "First."})
    clock.now += 10
    assert client.post(post_url(title), {"body": "Second."}).status_code == 302
    assert Comment.objects.count() == 2


def test_the_limit_is_per_person(client, user, other_user, title, clock):
    client.force_login(user)
    client.post(post_url(title), {"body": "First."})
    client.force_login(other_user)
    assert client.post(post_url(title), {"body": "Mine."}).status_code == 302
    assert Comment.objects.count() == 2


def test_the_limit_follows_the_setting(client, user, title, clock, settings):
    settings.COMMENT_RATE_LIMIT_SECONDS = 60
    client.force_login(user)
    client.post(post_url(title), {"body": "First."})
    html = client.post(post_url(title), {"body": "Second."}).content.decode()
    assert "one comment every 60 seconds" in html
    settings.COMMENT_RATE_LIMIT_SECONDS = 0
    assert client.post(post_url(title), {"body": "Third."}).status_code == 302


def test_a_refused_text_does_not_use_up_the_turn(client, user, title, clock):
    client.force_login(user)
    assert client.post(post_url(title), {"body": "   "}).status_code == 422
    assert client.post(post_url(title), {"body": "Now with words."}).status_code == 302


def test_members_post_uncounted_while_redis_is_away(client, user, title, redis_away):
    # Like every member's write: members are known and moderated, and posting keeps working.
    client.force_login(user)
    statuses = [client.post(post_url(title), {"body": f"Post {n}."}).status_code for n in (1, 2)]
    assert statuses == [302, 302]
    assert Comment.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_posts_at_once_from_one_person_pass_the_limit_only_once(title, user, clock):
    statuses = []

    def work(i: int) -> None:
        client = Client()
        client.force_login(user)
        statuses.append(client.post(post_url(title), {"body": f"Attempt {i}"}).status_code)

    assert run_together(work, 6) == []

    assert sorted(statuses) == [302] + [429] * 5
    assert Comment.objects.count() == 1
