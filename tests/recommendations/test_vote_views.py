import pytest

from recommendations.models import RecommendationVote

pytestmark = pytest.mark.django_db


@pytest.fixture
def recommendation(recommendation_factory):
    return recommendation_factory(votes=2)


def vote_url(recommendation) -> str:
    return f"/recommendations/{recommendation.pk}/vote/"


def unvote_url(recommendation) -> str:
    return f"/recommendations/{recommendation.pk}/unvote/"


def test_a_signed_out_vote_is_refused_with_a_message_and_an_offer_to_sign_in(
    client, recommendation
):
    back = recommendation.title_low.get_absolute_url()
    response = client.post(vote_url(recommendation), {"next": back}, follow=True)

    assert response.redirect_chain[0][0].startswith(f"/accounts/login/?next={back}")
    assert "Sign in to vote for recommendations; your vote was not counted." in (
        response.content.decode()
    )
    recommendation.refresh_from_db()
    assert recommendation.votes_count == 2


def test_a_signed_out_vote_with_htmx_sends_the_browser_to_sign_in(client, recommendation):
    response = client.post(vote_url(recommendation), headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith("/accounts/login/?next=")
    assert RecommendationVote.objects.count() == 2


def test_voting_counts_the_vote_and_returns_to_the_page(client, user, recommendation):
    client.force_login(user)
    back = recommendation.title_high.get_absolute_url()
    response = client.post(vote_url(recommendation), {"next": back})

    assert response.status_code == 302
    assert response["Location"] == back
    recommendation.refresh_from_db()
    assert recommendation.votes_count == 3
    assert RecommendationVote.objects.filter(user=user, recommendation=recommendation).exists()


def test_voting_with_htmx_returns_the_pressed_button_with_the_new_count(
    client, user, recommendation
):
    client.force_login(user)
    response = client.post(vote_url(recommendation), headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="rec-vote-{recommendation.pk}"' in html
    assert 'aria-pressed="true"' in html
    assert "▲ Voted (3)" in html
    assert f'action="/recommendations/{recommendation.pk}/unvote/"' in html


def test_taking_the_vote_back_removes_it(client, user, recommendation, rate):
    client.force_login(user)
    client.post(vote_url(recommendation))
    response = client.post(unvote_url(recommendation), headers={"HX-Request": "true"})

    assert "▲ Vote (2)" in response.content.decode()
    assert not RecommendationVote.objects.filter(user=user).exists()


def test_taking_back_removes_only_your_own_vote(client, user, recommendation):
    client.force_login(user)
    client.post(unvote_url(recommendation))
    recommendation.refresh_from_db()
    assert recommendation.votes_count == 2
    assert RecommendationVote.objects.count() == 2


def test_voting_for_your_own_recommendation_is_refused(client, user, recommendation_factory):
    mine = recommendation_factory(user=user)
    client.force_login(user)

    response = client.post(vote_url(mine), follow=True)
    assert "You recommended this pair yourself" in response.content.decode()

    response = client.post(vote_url(mine), headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "You recommended this pair yourself" in response.content.decode()
    assert not RecommendationVote.objects.exists()


def test_a_next_address_on_another_site_is_ignored(client, user, recommendation):
    client.force_login(user)
    response = client.post(vote_url(recommendation), {"next": "https://example.com/"})
    assert response["Location"] == recommendation.get_absolute_url()


def test_votes_are_posted_never_fetched(client, user, recommendation):
    client.force_login(user)
    assert client.get(vote_url(recommendation)).status_code == 405
    assert client.post("/recommendations/999999/vote/").status_code == 404
