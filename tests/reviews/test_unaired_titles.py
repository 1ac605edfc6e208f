"""Before a title airs it can only be planned: no score, no watching, no review, no rank."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from reviews import services
from reviews.models import ListEntry, Review, TitleStats

pytestmark = pytest.mark.django_db


@pytest.fixture
def upcoming(title_factory):
    first = date.today() + timedelta(days=120)
    return title_factory(
        title="Next Spring", year=first.year, aired_from=first, aired_to=None, episodes=16
    )


def test_the_service_refuses_a_score_before_the_title_airs(user, upcoming):
    with pytest.raises(ValidationError, match="has not aired yet"):
        services.list_entry_save(
            user=user, title=upcoming, status="completed", score=Decimal("10.0")
        )
    with pytest.raises(ValidationError, match="has not aired yet"):
        services.list_entry_save(
            user=user, title=upcoming, status="plan_to_watch", score=Decimal("10.0")
        )
    assert not ListEntry.objects.exists()
    assert not TitleStats.objects.filter(title=upcoming, ratings_count__gt=0).exists()


@pytest.mark.parametrize("status", ["completed", "watching", "on_hold", "dropped"])
def test_the_service_refuses_any_status_but_plan_to_watch_before_airing(user, upcoming, status):
    with pytest.raises(ValidationError, match="has not aired yet"):
        services.list_entry_save(user=user, title=upcoming, status=status, score=None)


def test_an_unaired_title_can_be_planned(user, upcoming):
    entry = services.list_entry_save(user=user, title=upcoming, status="plan_to_watch", score=None)
    assert entry.status == "plan_to_watch"
    assert TitleStats.objects.get(title=upcoming).watchers == 1


def test_the_service_refuses_a_review_before_the_title_airs(user, upcoming, submit_review):
    with pytest.raises(ValidationError, match="has not aired yet"):
        submit_review(user, upcoming)
    assert not Review.objects.exists()


def test_the_database_refuses_a_score_on_a_title_one_only_plans_to_watch(user, title_factory):
    title = title_factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ListEntry.objects.create(user=user, title=title, status="plan_to_watch", score=8)


def test_rating_an_aired_title_one_planned_moves_it_to_completed(user, title_factory, rate):
    title = title_factory(episodes=10)
    rate(user, title, None, status="plan_to_watch")
    entry = services.list_entry_set_score(user=user, title=title, score=Decimal("8.0"))
    assert (entry.status, entry.score, entry.episodes_seen) == ("completed", Decimal("8.0"), 10)


def test_the_title_page_offers_a_member_only_plan_to_watch(client, user, upcoming):
    client.force_login(user)
    html = client.get(upcoming.get_absolute_url()).content.decode()
    assert '<option value="plan_to_watch" selected>Plan to Watch</option>' in html
    for status in ("completed", "watching", "on_hold", "dropped"):
        assert f'<option value="{status}"' not in html
    assert 'id="your-score"' not in html
    assert "You can rate it once it airs" in html
    assert "Write a Review" not in html


def test_the_rate_view_refuses_a_score_and_keeps_nothing(client, user, upcoming):
    client.force_login(user)
    response = client.post(f"/titles/{upcoming.pk}/rate/", {"status": "completed", "score": "10.0"})
    assert response.status_code == 422
    assert not ListEntry.objects.exists()


def test_the_review_form_is_not_offered_before_airing(client, user, upcoming):
    client.force_login(user)
    response = client.get(f"/titles/{upcoming.pk}/review/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "has not aired yet" in html
    assert 'name="body"' not in html
    response = client.post(f"/titles/{upcoming.pk}/review/", {"overall": "10.0", "body": "x"})
    assert response.status_code == 422
    assert not Review.objects.exists()


def test_the_full_entry_form_offers_only_plan_to_watch(client, user, upcoming):
    client.force_login(user)
    html = client.get(f"/titles/{upcoming.pk}/my-entry/").content.decode()
    assert 'name="score"' not in html
    assert 'name="episodes_seen"' not in html
    assert '<option value="completed"' not in html
