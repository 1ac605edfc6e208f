"""A `next` address is followed only when it is a path on this site; anything else (a bare
word, a list, unicode, another host) falls back to the page the form came from, after the
write was saved, never a server error."""

import pytest
from django.contrib.auth import get_user_model

from recommendations.models import RecommendationVote
from reviews.models import ListEntry, ReviewVote
from tests.recommendations.factories import RecommendationFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

BAD_NEXT = ["abc", "[]", "home", "titles:detail", "ñandú", "https://elsewhere.example/", "//x.y/"]


@pytest.fixture
def member(client, user_factory):
    someone = user_factory()
    client.force_login(someone)
    return someone


@pytest.mark.parametrize("next_value", BAD_NEXT)
def test_a_helpful_vote_with_a_bad_next_returns_to_the_review(client, member, next_value):
    review = ReviewFactory()
    response = client.post(f"/reviews/{review.pk}/vote/", {"helpful": "yes", "next": next_value})
    assert response.status_code == 302
    assert response["Location"] == review.get_absolute_url()
    assert ReviewVote.objects.filter(user=member, review=review, helpful=True).exists()


@pytest.mark.parametrize("action", ["vote", "unvote"])
@pytest.mark.parametrize("next_value", BAD_NEXT)
def test_a_recommendation_vote_with_a_bad_next_returns_to_it(client, member, action, next_value):
    recommendation = RecommendationFactory()
    url = f"/recommendations/{recommendation.pk}/{action}/"
    response = client.post(url, {"next": next_value})
    assert response.status_code == 302
    assert response["Location"] == recommendation.get_absolute_url()
    voted = RecommendationVote.objects.filter(user=member, recommendation=recommendation)
    assert voted.exists() == (action == "vote")


@pytest.mark.parametrize("next_value", BAD_NEXT)
def test_the_entry_forms_with_a_bad_next_return_to_the_title(
    client, member, title_factory, next_value
):
    title = title_factory(episodes=10)
    data = {"status": "watching", "score": "8.0", "episodes_seen": "3", "next": next_value}
    response = client.post(f"/titles/{title.pk}/my-entry/", data)
    assert response.status_code == 302
    assert response["Location"] == title.get_absolute_url()
    entry = ListEntry.objects.get(user=member, title=title)

    response = client.post(f"/list/{entry.pk}/edit/", data | {"episodes_seen": "4"})
    assert response["Location"] == title.get_absolute_url()
    entry.refresh_from_db()
    assert entry.episodes_seen == 4


@pytest.mark.parametrize("next_value", BAD_NEXT)
def test_sign_up_with_a_bad_next_signs_the_member_in_and_shows_their_profile(client, next_value):
    data = {
        "username": "newcomer",
        "email": "newcomer@example.test",
        "password1": "a long and unusual passphrase",
        "password2": "a long and unusual passphrase",
        "next": next_value,
    }
    response = client.post("/accounts/signup/", data)
    member = get_user_model().objects.get(username="newcomer")
    assert response.status_code == 302
    assert response["Location"] == member.get_absolute_url()
    assert client.get(member.get_absolute_url()).context["user"] == member


def test_a_good_next_is_followed(client, member):
    review = ReviewFactory()
    response = client.post(f"/reviews/{review.pk}/vote/", {"helpful": "no", "next": "/news/"})
    assert response["Location"] == "/news/"


@pytest.mark.parametrize("next_value", ["/accounts/login/", "/accounts/login/?next=/", "", "abc"])
def test_a_signed_in_visitor_of_the_sign_in_page_goes_on(client, member, next_value):
    response = client.get("/accounts/login/", {"next": next_value})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_signed_in_visitor_of_the_sign_in_page_goes_to_next(client, member):
    response = client.get("/accounts/login/", {"next": "/news/"})
    assert response["Location"] == "/news/"
