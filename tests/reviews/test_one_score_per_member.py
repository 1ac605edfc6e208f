"""A review's Overall and the member's score for the title are one fact, whichever form
changes it; the title's statistics count it once."""

from decimal import Decimal

import pytest

from reviews.models import ListEntry, Review, TitleStats
from reviews.stats import stats_recompute

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(client, user, title_factory, submit_review):
    title = title_factory(episodes=10)
    review = submit_review(user, title, overall="9.0")
    client.force_login(user)
    return title, review


def test_changing_your_rating_changes_your_reviews_overall(client, reviewed):
    title, review = reviewed
    response = client.post(f"/titles/{title.pk}/rate/", {"score": "6.0", "status": "completed"})
    assert response.status_code == 302
    review.refresh_from_db()
    stats = TitleStats.objects.get(title=title)
    assert review.overall == Decimal("6.0")
    assert stats.ratings_count == 1 and stats.ratings_sum == Decimal("6.0")
    assert stats.review_count == 1 and stats.overall_sum == Decimal("6.0")
    assert stats.histogram[5] == 1 and sum(stats.histogram) == 1
    assert stats_recompute(check=True) == []


def test_the_full_entry_form_changes_the_overall_too(client, reviewed):
    title, review = reviewed
    data = {"status": "completed", "score": "7.5", "episodes_seen": "10"}
    client.post(f"/titles/{title.pk}/my-entry/", data)
    review.refresh_from_db()
    assert review.overall == Decimal("7.5")
    assert stats_recompute(check=True) == []


@pytest.mark.parametrize("htmx", [False, True])
def test_taking_the_score_away_from_a_reviewed_title_is_refused_with_a_message(
    client, reviewed, htmx
):
    title, review = reviewed
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post(
        f"/titles/{title.pk}/rate/", {"score": "", "status": "completed"}, headers=headers
    )
    assert response.status_code == 422
    assert "delete your review before taking the score away" in response.content.decode()
    assert ListEntry.objects.get(title=title).score == Decimal("9.0")
    assert Review.objects.get(pk=review.pk).overall == Decimal("9.0")
    assert TitleStats.objects.get(title=title).ratings_count == 1


def test_removing_a_reviewed_title_from_the_list_is_refused_with_a_message(client, reviewed):
    title, _ = reviewed
    entry = ListEntry.objects.get(title=title)
    response = client.post(f"/list/{entry.pk}/remove/", follow=True)
    assert "Delete your review first" in response.content.decode()
    assert ListEntry.objects.filter(pk=entry.pk).exists()
    assert TitleStats.objects.get(title=title).ratings_count == 1


def test_after_deleting_the_review_the_score_can_go(client, reviewed):
    title, review = reviewed
    client.post(f"/reviews/{review.pk}/delete/")
    response = client.post(f"/titles/{title.pk}/rate/", {"score": "", "status": "completed"})
    assert response.status_code == 302
    assert ListEntry.objects.get(title=title).score is None
    assert stats_recompute(check=True) == []


def test_a_refused_quick_rating_without_javascript_shows_only_its_own_errors(
    client, user, title_factory
):
    title = title_factory(episodes=10)
    client.force_login(user)
    response = client.post(f"/titles/{title.pk}/rate/", {"score": "7.3", "status": "watching"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Scores run from 1.0 to 10.0 in steps of 0.5." in html
    assert "This field is required." not in html
