"""Reviews in the admin, for the Moderators group: find, read, hide with a reason, restore."""

import pytest
from django.contrib.auth.models import Group, Permission

from reviews.models import Review, TitleStats

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/reviews/review/"


@pytest.fixture
def title(title_factory):
    return title_factory(title="Quiet Harbour", episodes=12)


@pytest.fixture
def staff_moderator(user_factory):
    """A member of the Moderators group with staff status, as the site's moderators are."""
    person = user_factory(username="mod", is_staff=True)
    person.groups.add(Group.objects.get(name="Moderators"))
    return person


@pytest.fixture
def moderator_client(client, staff_moderator):
    client.force_login(staff_moderator)
    return client


@pytest.fixture
def two_reviews(title, user_factory, submit_review):
    return [
        submit_review(user_factory(username="ann"), title, headline="Gentle and slow"),
        submit_review(user_factory(username="ben"), title, headline="Far too long"),
    ]


def review_count(title) -> int:
    return TitleStats.objects.get(title=title).review_count


def test_the_moderators_group_may_read_and_moderate_reviews_only():
    moderators = Group.objects.get(name="Moderators")
    granted = moderators.permissions.filter(content_type__app_label="reviews")
    assert set(granted.values_list("codename", flat=True)) == {"view_review", "moderate_review"}


def test_a_moderator_finds_reviews_by_words_title_and_author(moderator_client, two_reviews):
    for query in ("slow", "ann", "Quiet Harbour"):
        html = moderator_client.get(CHANGELIST, {"q": query}).content.decode()
        assert "Gentle and slow" in html, query
    html = moderator_client.get(CHANGELIST, {"q": "ben"}).content.decode()
    assert "Far too long" in html and "Gentle and slow" not in html


def test_the_list_filters_by_state(moderator_client, two_reviews):
    Review.objects.filter(pk=two_reviews[0].pk).update(state="hidden", hidden_reason="Spam.")

    html = moderator_client.get(CHANGELIST, {"state__exact": "hidden"}).content.decode()

    assert "Gentle and slow" in html and "Far too long" not in html


def test_hiding_asks_for_a_reason_then_hides_through_the_service(
    moderator_client, title, two_reviews
):
    selected = [review.pk for review in two_reviews]

    asked = moderator_client.post(
        CHANGELIST, {"action": "hide_reviews", "_selected_action": selected, "index": 0}
    )
    assert asked.status_code == 200
    assert 'name="reason"' in asked.content.decode()
    assert "Gentle and slow" in asked.content.decode()

    blank = moderator_client.post(
        CHANGELIST, {"action": "hide_reviews", "_selected_action": selected, "reason": "  "}
    )
    assert blank.status_code == 422  # refused, as every form of the site answers
    assert "This field is required." in blank.content.decode()
    assert review_count(title) == 2

    done = moderator_client.post(
        CHANGELIST,
        {"action": "hide_reviews", "_selected_action": selected, "reason": "Both are spam."},
        follow=True,
    )

    assert "2 reviews hidden." in done.content.decode()
    assert set(Review.objects.values_list("state", "hidden_reason")) == {
        ("hidden", "Both are spam.")
    }
    assert review_count(title) == 0


def test_hiding_a_hidden_review_leaves_it_as_it_is(moderator_client, title, two_reviews):
    Review.objects.filter(pk=two_reviews[0].pk).update(state="hidden", hidden_reason="Spam.")
    TitleStats.objects.filter(title=title).update(review_count=1)

    done = moderator_client.post(
        CHANGELIST,
        {"action": "hide_reviews", "_selected_action": [two_reviews[0].pk], "reason": "Rude."},
        follow=True,
    )

    assert "1 review hidden already, so left as is." in (done.content.decode())
    assert Review.objects.get(pk=two_reviews[0].pk).hidden_reason == "Spam."
    assert review_count(title) == 1


def test_restoring_brings_the_reviews_back_into_the_counts(moderator_client, title, two_reviews):
    moderator_client.post(
        CHANGELIST,
        {"action": "hide_reviews", "_selected_action": [two_reviews[0].pk], "reason": "Spam."},
    )
    assert review_count(title) == 1

    done = moderator_client.post(
        CHANGELIST,
        {"action": "restore_reviews", "_selected_action": [r.pk for r in two_reviews]},
        follow=True,
    )

    html = done.content.decode()
    assert "1 review restored." in html
    assert "1 review restored already, so left as is." in html
    assert review_count(title) == 2
    assert not Review.objects.exclude(state="visible").exists()


def test_staff_without_the_moderate_permission_cannot_hide(client, user_factory, two_reviews):
    reader = user_factory(username="reader", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_review"))
    client.force_login(reader)

    assert "hide_reviews" not in client.get(CHANGELIST).content.decode()
    client.post(
        CHANGELIST,
        {"action": "hide_reviews", "_selected_action": [two_reviews[0].pk], "reason": "Spam."},
    )

    assert Review.objects.get(pk=two_reviews[0].pk).is_visible


def test_reviews_cannot_be_added_rewritten_or_deleted_in_the_admin(moderator_client, two_reviews):
    review = two_reviews[0]
    change = f"{CHANGELIST}{review.pk}/change/"

    added = moderator_client.get(f"{CHANGELIST}add/")
    deleted = moderator_client.post(f"{CHANGELIST}{review.pk}/delete/", {"post": "yes"})
    rewritten = moderator_client.post(change, {"headline": "Rewritten", "overall": "1.0"})

    assert (added.status_code, deleted.status_code, rewritten.status_code) == (403, 403, 403)
    assert "Gentle and slow" in moderator_client.get(change).content.decode()
    assert "delete_selected" not in moderator_client.get(CHANGELIST).content.decode()

    review.refresh_from_db()
    assert (review.headline, str(review.overall)) == ("Gentle and slow", "8.0")


@pytest.mark.parametrize("size", [3, 30])
def test_the_list_runs_the_same_queries_at_any_size(
    moderator_client, title_factory, user_factory, django_assert_num_queries, size
):
    scores = {name: "8.0" for name in ("overall", "story", "acting", "music", "rewatch")}
    Review.objects.bulk_create(
        Review(user=user_factory(), title=title_factory(), body="x" * 120, **scores)
        for _ in range(size)
    )
    moderator_client.get(CHANGELIST)  # the session and permissions, as on any later page

    # Expect 2 queries (the moderator, their session and permissions come from the cache):
    # the number of reviews for the pages, and one page of reviews with their titles and
    # authors.
    with django_assert_num_queries(2):
        response = moderator_client.get(CHANGELIST)

    assert response.content.decode().count('name="_selected_action"') == size
