"""Members read the page everybody shares, with their own parts filled in (core/personal.py).

Each test reads pages as members with the page cache on, as production runs: what one member
does shows at once to them and to the others, and nothing of one member reaches another's page
or a visitor's.
"""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from comments.services import comment_hide, comment_post
from recommendations.services import recommendation_add, recommendation_vote
from reviews.services import list_entry_save, review_submit, review_vote
from tests.factories import UserFactory
from tests.front.test_page_cache import REASON, review_data

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def title(title_factory):
    return title_factory(title="Quiet Harbour", episodes=12)


def read(member, url):
    """The page as `member` sees it, and whether it came from the cache."""
    client = Client()
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    return response.content.decode(), response.get("X-Page-Cache")


def test_two_members_share_the_page_and_each_sees_only_their_own_parts(title):
    first, second = UserFactory(username="first"), UserFactory(username="second")
    list_entry_save(user=first, title=title, status="watching", score=Decimal("6"))

    mine, state = read(first, title.get_absolute_url())
    theirs, later = read(second, title.get_absolute_url())

    assert (state, later) == ("miss", "hit")
    assert "On your list: Watching, your rating 6" in mine
    assert "On your list" not in theirs
    assert "Signed in as first<" in mine and "Signed in as first<" not in theirs
    assert "Signed in as second<" in theirs


def test_each_member_gets_a_form_token_of_their_own_that_the_site_accepts(title):
    first, second = UserFactory(), UserFactory()
    read(first, title.get_absolute_url())
    client = Client()
    client.force_login(second)
    page = client.get(title.get_absolute_url()).content.decode()

    token = TOKEN.search(page).group(1)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(second)
    strict.cookies["csrftoken"] = client.cookies["csrftoken"].value
    form = {"status": "completed", "score": "8.0", "csrfmiddlewaretoken": token}
    answer = strict.post(f"/titles/{title.pk}/rate/", form)

    assert answer.status_code == 302
    assert "On your list: Completed, your rating 8" in read(second, title.get_absolute_url())[0]


def test_a_members_first_read_leaves_nothing_of_theirs_for_visitors(client, title):
    member = UserFactory(username="hanako")
    list_entry_save(user=member, title=title, status="watching", score=Decimal("6"))
    assert read(member, title.get_absolute_url())[1] == "miss"

    response = client.get(title.get_absolute_url())

    html = response.content.decode()
    assert response["X-Page-Cache"] == "hit"
    assert "csrfmiddlewaretoken" not in html and "X-CSRFToken" not in html
    assert "Signed in as hanako" not in html and "On your list" not in html
    assert "Sign in</a> to rate this title" in html


def test_the_writer_sees_each_of_their_writes_at_once(title, title_factory):
    writer, other = UserFactory(), UserFactory()
    url = title.get_absolute_url()
    read(writer, url)
    read(other, url)

    list_entry_save(user=writer, title=title, status="completed", score=Decimal("9"))
    html, _ = read(writer, url)
    assert "On your list: Completed, your rating 9" in html
    assert "Ratings: <strong>9.0</strong>/10 from 1 user" in read(other, url)[0]

    review = review_submit(user=other, title=title, data=review_data())
    assert "Edit your review" in read(other, url)[0]
    assert "Write a Review" in read(writer, url)[0]

    review_vote(user=writer, review=review, helpful=True)
    html, _ = read(writer, url)
    assert 'value="yes" class="btn btn-sm btn-success" aria-pressed="true"' in html
    assert "1 of 1 person found this review helpful" in read(other, url)[0]

    comment = comment_post(author=writer, target=title, body="The ferry scene got me.")
    html, _ = read(writer, url)
    assert f'href="/comments/{comment.pk}/edit/"' in html
    assert f'href="/comments/{comment.pk}/edit/"' not in read(other, url)[0]

    recommendation = recommendation_add(
        user=other, title=title, other=title_factory(title="Lantern Street"), reason=REASON
    )
    recommendation_vote(user=writer, recommendation=recommendation)
    assert "Voted (1)" in " ".join(read(writer, url)[0].split())
    assert "You recommended this pair" in read(other, url)[0]


def test_a_moderator_gets_a_page_of_their_own_with_the_hidden_comments(title):
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    member = UserFactory()
    comment = comment_post(author=member, target=title, body="Spoilers for the last episode.")
    comment_hide(comment=comment, moderator=moderator)

    seen_by_member, _ = read(member, title.get_absolute_url())
    seen_by_moderator, state = read(moderator, title.get_absolute_url())

    assert "Spoilers for the last episode." not in seen_by_member
    assert state is None  # rendered for them alone, never stored
    assert "Spoilers for the last episode." in seen_by_moderator
    assert f'action="/comments/{comment.pk}/restore/"' in seen_by_moderator


def test_joining_the_moderators_shows_on_the_very_next_page(title):
    member = UserFactory()
    comment = comment_post(author=UserFactory(), target=title, body="A fine first episode.")
    hide = f'action="/comments/{comment.pk}/hide/"'
    assert hide not in read(member, title.get_absolute_url())[0]

    member.groups.add(Group.objects.get(name="Moderators"))
    assert hide in read(member, title.get_absolute_url())[0]

    member.groups.clear()
    assert hide not in read(member, title.get_absolute_url())[0]
