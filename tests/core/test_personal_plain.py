"""A member's page filled from markup made once for most members (core/personal.py `Plain`):
the same page, to the byte, as filling every mark for them, but only the marks that concern
them are filled."""

import dataclasses

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import resolve

from comments.services import comment_like, comment_post
from core import marks, personal
from core.page_cache import _as_visitor
from moderation.services import find_item, report_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(user_factory, moderator):
    names = ("author", "liker", "reporter", "reader")
    return {name: user_factory(username=name) for name in names} | {"moderator": moderator}


@pytest.fixture
def title_page(title_factory, people, monkeypatch):
    """The shared page of a title with a thread of comments, as every viewer's fill gets it:
    three by one member, one the liker likes, one the reporter reported."""
    monkeypatch.setattr(marks, "splits", marks.Splits(limit=10_000_000))
    title = title_factory(title="Quiet Harbour", episodes=12)
    mine = [comment_post(author=people["author"], target=title, body=f"Note {n}") for n in range(3)]
    liked = comment_post(author=people["reader"], target=title, body="Worth a like")
    comment_post(author=people["reader"], target=title, body="A reply", parent_id=liked.pk)
    comment_like(user=people["liker"], comment=liked, liked=True)
    comment_like(user=people["author"], comment=liked, liked=True)
    report_submit(reporter=people["reporter"], item=find_item("comment", mine[0].pk),
                  reason="spam")  # fmt: skip
    url = title.get_absolute_url()
    view = resolve(url)
    request = RequestFactory().get(url)
    request.user = AnonymousUser()
    response = _as_visitor(view.func.__wrapped__, request, *view.args, **view.kwargs)
    return url, response.content.decode()


def request_by(user, url):
    request = RequestFactory().get(url)
    request.user = user
    return request


@pytest.mark.parametrize("name", ["author", "liker", "reporter", "reader", "moderator"])
def test_a_members_page_from_plain_markup_is_the_page_filled_mark_by_mark(title_page, people, name):
    url, page = title_page
    assert page.count("<!--personal comments.like") == 5

    every_mark = bytes(personal.fill_to_keep(request_by(people[name], url), page))
    from_plain = bytes(personal.fill_to_keep(request_by(people[name], url), page, key="the page"))

    assert from_plain == every_mark
    assert personal.MARK_START not in from_plain.decode().replace("<!--personal social.bell-->", "")


@pytest.mark.parametrize("name", ["reader", "author", "liker"])
def test_only_the_like_buttons_that_concern_the_member_are_made_for_them(
    title_page, people, monkeypatch, name
):
    """Their own comments and the ones they like; a comment whose id happens to be their own
    id may be made too (a word picked at the wrong place is only made, never wrong)."""
    from comments.models import Comment, CommentLike

    url, page = title_page
    personal.fill_to_keep(request_by(people["reader"], url), page, key="the page")  # made once
    made = set()
    like = personal.PARTS["comments.like"]
    monkeypatch.setitem(personal.PARTS, "comments.like", dataclasses.replace(
        like, render=lambda *args: made.add(int(args[2])) or like.render(*args),
    ))  # fmt: skip

    personal.fill_to_keep(request_by(people[name], url), page, key="the page")

    member = people[name]
    concern = set(Comment.objects.filter(author=member).values_list("pk", flat=True))
    concern |= set(CommentLike.objects.filter(user=member).values_list("comment_id", flat=True))
    assert concern <= made <= concern | {member.pk}
    assert len(made) < Comment.objects.count()


def test_a_kept_page_leaves_the_garbage_collector_nothing_to_walk_again(title_page, people):
    """A worker keeps a hundred long pages' splits: held in classes' instances and lists, tens
    of thousands of objects that every full collection walked again (a tenth of a second
    each, in a worker of the benchmark's mixed day); held in tuples of text, none."""
    import gc

    url, page = title_page
    personal.fill_to_keep(request_by(people["reader"], url), page, key="the page")
    split = marks.splits.split(page, "the page")
    plain = split.plain(lambda name: personal.PARTS[name].plain, "utf-8")
    # A tuple is let go once all it holds is let go: each full pass lets go one more level
    # at least, and a kept page's marks nest three deep.
    for _ in range(3):
        gc.collect()

    held = [split.texts, split.marks, *split.marks, plain.filled, plain.others, plain.of_part,
            *plain.of_part.values(), plain.words, *plain.words.values()]  # fmt: skip
    for _, found_at in plain.at.values():
        for found in found_at:
            held += [found, *found.values()]
    assert len(split.marks) > 10
    assert [thing for thing in held if gc.is_tracked(thing)] == []
