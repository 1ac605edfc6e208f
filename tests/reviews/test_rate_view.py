from decimal import Decimal

import pytest
from django.test import Client

from reviews.models import ListEntry, TitleStats

pytestmark = pytest.mark.django_db


@pytest.fixture
def title(title_factory):
    return title_factory(title="1 Litre of Tears", episodes=11)


def rate_url(title) -> str:
    return f"/titles/{title.pk}/rate/"


def test_signed_out_users_are_sent_to_sign_in(client, title):
    response = client.post(rate_url(title), {"status": "completed", "score": "9.0"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not ListEntry.objects.exists()


def test_rating_from_the_title_page_saves_and_returns_to_it(client, user, title):
    client.force_login(user)
    response = client.post(rate_url(title), {"status": "completed", "score": "9.5"})

    assert response.status_code == 302
    assert response["Location"] == title.get_absolute_url()
    entry = ListEntry.objects.get(user=user, title=title)
    assert (entry.score, entry.status, entry.episodes_seen) == (Decimal("9.5"), "completed", 11)
    html = client.get(title.get_absolute_url()).content.decode()
    assert "Ratings: <strong>9.5</strong>/10 from 1 user" in html
    assert 'value="9.5" id="your-score_17" checked' in html


def test_rating_with_htmx_returns_the_new_rating_and_statistics_in_place(client, user, title):
    client.force_login(user)
    response = client.post(
        rate_url(title), {"status": "watching", "score": "8.0"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="your-entry"' in html
    assert 'id="title-ratings" class="score-line mb-1" data-hx-swap-oob="true"' in html
    assert "Ratings: <strong>8.0</strong>/10 from 1 user" in html
    assert 'id="title-stats"' in html
    assert "<html" not in html


@pytest.mark.parametrize("score", ["0", "10.5", "7.3", "abc", "-1"])
def test_a_score_off_the_scale_is_refused_and_changes_nothing(client, user, title, rate, score):
    rate(user, title, "6.0")
    client.force_login(user)
    response = client.post(rate_url(title), {"status": "completed", "score": score})

    assert response.status_code == 422
    assert "Scores run from 1.0 to 10.0 in steps of 0.5." in response.content.decode()
    assert ListEntry.objects.get(user=user).score == Decimal("6.0")
    assert TitleStats.objects.get(title=title).ratings_sum == Decimal("6.0")


def test_a_score_off_the_scale_with_htmx_shows_the_message_in_place(client, user, title):
    client.force_login(user)
    response = client.post(
        rate_url(title), {"status": "completed", "score": "10.5"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    assert "Scores run from 1.0 to 10.0 in steps of 0.5." in response.content.decode()
    assert not ListEntry.objects.exists()


def test_an_unknown_status_is_refused(client, user, title):
    client.force_login(user)
    response = client.post(rate_url(title), {"status": "binged", "score": "9.0"})
    assert response.status_code == 422
    assert not ListEntry.objects.exists()


def test_a_post_without_a_csrf_token_is_refused(user, title):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(rate_url(title), {"status": "completed", "score": "9.0"})
    assert response.status_code == 403
    assert not ListEntry.objects.exists()


def test_rating_an_unknown_title_is_404(client, user, db):
    client.force_login(user)
    assert client.post("/titles/999999/rate/", {"status": "completed"}).status_code == 404


def test_get_is_not_allowed(client, user, title):
    client.force_login(user)
    assert client.get(rate_url(title)).status_code == 405
