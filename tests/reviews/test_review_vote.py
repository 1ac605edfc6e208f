import pytest
from django.db.models import F

from reviews.models import Review, ReviewVote
from reviews.stats import WilsonLowerBound

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(user_factory, title_factory, submit_review):
    return submit_review(user_factory(username="author"), title_factory())


def vote(client, review, answer, **kwargs):
    return client.post(f"/reviews/{review.pk}/vote/", {"helpful": answer}, **kwargs)


def test_a_reader_votes_and_can_change_their_mind(client, user, review):
    client.force_login(user)
    vote(client, review, "yes")
    review.refresh_from_db()
    assert (review.helpful_yes, review.helpful_total) == (1, 1)

    vote(client, review, "no")
    review.refresh_from_db()
    assert (review.helpful_yes, review.helpful_total) == (0, 1)
    assert ReviewVote.objects.get().helpful is False


def test_voting_the_same_answer_twice_counts_once(client, user, review):
    client.force_login(user)
    vote(client, review, "yes")
    vote(client, review, "yes")
    review.refresh_from_db()
    assert (review.helpful_yes, review.helpful_total) == (1, 1)


def test_the_author_cannot_vote_on_their_own_review(client, review):
    client.force_login(review.user)
    response = vote(client, review, "yes", follow=True)
    assert "You cannot vote on your own review." in response.content.decode()
    assert not ReviewVote.objects.exists()


def test_voting_signed_out_is_refused(client, review):
    assert vote(client, review, "yes")["Location"].startswith("/accounts/login/")
    assert not ReviewVote.objects.exists()


def test_an_answer_other_than_yes_or_no_is_refused(client, user, review):
    client.force_login(user)
    response = vote(client, review, "maybe", headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "Answer Yes or No." in response.content.decode()
    assert not ReviewVote.objects.exists()


def test_voting_with_htmx_returns_the_new_line_in_place(client, user, review):
    client.force_login(user)
    response = vote(client, review, "yes", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert f'id="helpful-{review.pk}"' in html
    assert "1 of 1 person found this review helpful" in html
    assert 'value="yes" class="btn btn-sm btn-success" aria-pressed="true"' in html


def test_an_unknown_review_is_404(client, user):
    client.force_login(user)
    assert client.post("/reviews/999999/vote/", {"helpful": "yes"}).status_code == 404


def wilson(review, yes: int, total: int) -> float:
    Review.objects.filter(pk=review.pk).update(helpful_yes=yes, helpful_total=total)
    return (
        Review.objects.filter(pk=review.pk)
        .annotate(bound=WilsonLowerBound(F("helpful_yes"), F("helpful_total")))
        .get()
        .bound
    )


def test_wilson_ordering_is_fair_to_reviews_with_few_votes(review):
    assert wilson(review, 0, 0) == 0
    assert wilson(review, 1, 1) < wilson(review, 90, 100)
    assert wilson(review, 12, 15) > wilson(review, 7, 8)
    assert wilson(review, 12, 15) == pytest.approx(0.5481, abs=0.0001)
    assert wilson(review, 7, 8) == pytest.approx(0.5291, abs=0.0001)


def test_the_title_page_shows_the_most_helpful_reviews_first(
    client, user_factory, title_factory, submit_review
):
    from reviews.services import review_vote

    title = title_factory()
    lucky = submit_review(user_factory(username="one_vote"), title, headline="One yes")
    solid = submit_review(user_factory(username="many_votes"), title, headline="Many yeses")
    submit_review(user_factory(username="no_votes"), title, headline="No votes")
    review_vote(user=user_factory(), review=lucky, helpful=True)
    for i in range(10):
        review_vote(user=user_factory(), review=solid, helpful=i < 9)

    html = client.get(title.get_absolute_url()).content.decode()
    assert html.index("Many yeses") < html.index("One yes")
    assert "No votes" not in html
    assert "More Reviews (1)" in html
    assert Review.objects.get(pk=solid.pk).helpful_lower_bound > 0.5


def test_a_next_address_on_another_site_is_ignored(client, user, review):
    client.force_login(user)
    response = client.post(
        f"/reviews/{review.pk}/vote/", {"helpful": "yes", "next": "https://evil.example/"}
    )
    assert response["Location"] == review.get_absolute_url()


def test_a_reader_takes_their_vote_back_and_the_review_counts_it_no_more(client, user, review):
    from reviews.stats import helpfulness_recompute

    client.force_login(user)
    vote(client, review, "yes")
    page = client.get(review.title.get_absolute_url()).content.decode()
    assert "Take my vote back" in page

    response = vote(client, review, "withdraw", follow=True)
    assert "Your vote was taken back." in response.content.decode()
    review.refresh_from_db()
    assert (review.helpful_yes, review.helpful_total) == (0, 0)
    assert review.helpful_lower_bound == 0
    assert not ReviewVote.objects.exists()
    assert helpfulness_recompute(check=True) == []
    page = client.get(review.title.get_absolute_url()).content.decode()
    assert "Take my vote back" not in page and "found this review helpful" not in page

    # Taking back a vote that is not there changes nothing.
    vote(client, review, "withdraw")
    review.refresh_from_db()
    assert (review.helpful_yes, review.helpful_total) == (0, 0)


def test_taking_a_vote_back_with_htmx_returns_the_buttons_unpressed(client, user, review):
    client.force_login(user)
    vote(client, review, "no")
    response = vote(client, review, "withdraw", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-pressed="true"' not in html and "Take my vote back" not in html
