"""While Redis is away nothing can be counted in the cache, and each throttle answers as its
module says (core/throttle.py): members' writes go through, new accounts and reset mails wait
with 503 and Retry-After, and the sign-in lockout, counted in the database, holds."""

import pytest
from django.core import mail

from reviews.models import ReviewVote
from tests.accounts.conftest import PASSWORD
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def test_a_member_signs_in_and_stays_signed_in_from_the_database(client, member, redis_away):
    response = client.post("/accounts/login/", {"username": "mirae", "password": PASSWORD})
    assert response.status_code == 302
    # The session is read from its table: the cache holds nothing.
    response = client.get("/accounts/settings/profile/")
    assert response.status_code == 200
    assert response.wsgi_request.user == member


def test_the_sign_in_lockout_still_holds(client, member, redis_away, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "mirae", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "mirae", "password": PASSWORD})
    assert response.status_code == 429


def test_members_votes_go_through_uncounted(client, member, redis_away, settings):
    settings.VOTE_RATE = "1/m"
    client.force_login(member)
    reviews = [ReviewFactory() for _ in range(3)]
    statuses = [
        client.post(f"/reviews/{review.pk}/vote/", {"helpful": "yes"}).status_code
        for review in reviews
    ]
    assert statuses == [302, 302, 302]
    assert ReviewVote.objects.filter(user=member).count() == 3


def test_a_sign_up_waits_for_the_cache_with_503_and_keeps_the_form(client, redis_away):
    data = {"username": "newcomer", "email": "newcomer@example.test",
            "password1": PASSWORD, "password2": PASSWORD}  # fmt: skip
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "while the site cannot count how often it is done" in html
    assert 'value="newcomer"' in html
    assert "_auth_user_id" not in client.session


def test_a_password_reset_mail_waits_for_the_cache_with_503(client, member, redis_away):
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert mail.outbox == []
