from decimal import Decimal

import pytest

from reviews.models import ListEntry, Review, TitleStats

pytestmark = pytest.mark.django_db


@pytest.fixture
def title(title_factory):
    return title_factory(episodes=11)


def test_the_author_edits_and_the_statistics_follow(
    client, user, title, review_data, submit_review
):
    review = submit_review(user, title, story="6.0")
    client.force_login(user)
    response = client.post(f"/reviews/{review.pk}/edit/", review_data(overall="9.5", story="7.0"))

    assert response.status_code == 302
    stats = TitleStats.objects.get(title=title)
    assert (stats.review_count, stats.story_sum, stats.overall_sum) == (
        1,
        Decimal("7.0"),
        Decimal("9.5"),
    )
    assert ListEntry.objects.get(user=user).score == Decimal("9.5")


def test_someone_elses_review_cannot_be_edited_or_deleted(
    client, user, user_factory, title, review_data, submit_review
):
    review = submit_review(user_factory(username="bob"), title)
    client.force_login(user)

    assert client.get(f"/reviews/{review.pk}/edit/").status_code == 404
    assert (
        client.post(f"/reviews/{review.pk}/edit/", review_data(body="z" * 150)).status_code == 404
    )
    assert client.post(f"/reviews/{review.pk}/delete/").status_code == 404
    review.refresh_from_db()
    assert review.body.startswith("A careful")


def test_signed_out_users_cannot_edit_or_delete(client, user, title, submit_review):
    review = submit_review(user, title)
    assert client.post(f"/reviews/{review.pk}/delete/")["Location"].startswith("/accounts/login/")
    assert Review.objects.filter(pk=review.pk).exists()


def test_a_bad_edit_changes_nothing(client, user, title, review_data, submit_review):
    review = submit_review(user, title)
    client.force_login(user)
    response = client.post(f"/reviews/{review.pk}/edit/", review_data(overall="11"))
    assert response.status_code == 422
    review.refresh_from_db()
    assert review.overall == Decimal("8.0")


def test_deleting_asks_first_then_removes_the_review_and_keeps_the_score(
    client, user, user_factory, title, submit_review
):
    from reviews.services import review_vote

    review = submit_review(user, title, overall="9.0")
    review_vote(user=user_factory(), review=review, helpful=True)
    client.force_login(user)
    assert "Delete your review" in client.get(f"/reviews/{review.pk}/delete/").content.decode()

    response = client.post(f"/reviews/{review.pk}/delete/")

    assert response["Location"] == title.get_absolute_url()
    assert not Review.objects.exists()
    stats = TitleStats.objects.get(title=title)
    assert (stats.review_count, stats.overall_sum, stats.ratings_count) == (0, 0, 1)
    assert ListEntry.objects.get(user=user).score == Decimal("9.0")
