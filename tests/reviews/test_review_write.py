import re
from decimal import Decimal

import pytest

from reviews.models import ListEntry, Review, TitleStats

pytestmark = pytest.mark.django_db

SUB_SCORE_FIELDS = ["overall", "story", "acting", "music", "rewatch"]


@pytest.fixture
def title(title_factory):
    return title_factory(title="1 Litre of Tears", episodes=11)


def write_url(title) -> str:
    return f"/titles/{title.pk}/review/"


def test_signed_out_users_are_sent_to_sign_in(client, title, review_data):
    response = client.post(write_url(title), review_data())
    assert response["Location"].startswith("/accounts/login/")
    assert not Review.objects.exists()


def test_a_review_is_published_and_its_overall_becomes_the_users_score(
    client, user, title, review_data, rate
):
    rate(user, title, "6.0")
    client.force_login(user)
    response = client.post(write_url(title), review_data())

    review = Review.objects.get()
    assert response["Location"] == review.get_absolute_url()
    assert ListEntry.objects.get(user=user, title=title).score == Decimal("10.0")
    stats = TitleStats.objects.get(title=title)
    assert (stats.review_count, stats.ratings_count, stats.ratings_sum) == (1, 1, Decimal("10.0"))
    assert dict(stats.review_averages)["Rewatch Value"] == Decimal("9.0")


def test_the_form_is_prefilled_from_the_list_entry(client, user, title):
    from reviews.services import list_entry_save

    list_entry_save(
        user=user, title=title, status="completed", score=Decimal("7.5"), episodes_seen=11
    )
    client.force_login(user)
    html = client.get(write_url(title)).content.decode()
    assert 'value="7.5" id="id_overall_13" checked' in html
    assert re.search(r'<input[^>]*name="episodes_seen"[^>]*value="11"', html)


def test_a_second_review_is_refused_with_a_clear_message(
    client, user, title, review_data, submit_review
):
    first = submit_review(user, title)
    client.force_login(user)
    response = client.post(write_url(title), review_data(), follow=True)
    assert response.redirect_chain[-1][0] == f"/reviews/{first.pk}/edit/"
    assert "You have already reviewed this title" in response.content.decode()
    assert Review.objects.count() == 1


def test_the_service_refuses_a_second_review_too(user, title, submit_review):
    from django.core.exceptions import ValidationError

    submit_review(user, title)
    with pytest.raises(ValidationError, match="already reviewed"):
        submit_review(user, title)


@pytest.mark.parametrize("field", SUB_SCORE_FIELDS)
@pytest.mark.parametrize("value", ["0", "10.5", "7.3", "abc"])
def test_a_sub_score_off_the_scale_is_refused_and_the_text_is_kept(
    client, user, title, review_data, field, value
):
    client.force_login(user)
    response = client.post(write_url(title), review_data(**{field: value}))
    html = response.content.decode()
    assert response.status_code == 422
    assert "Scores run from 1.0 to 10.0 in steps of 0.5." in html
    assert "Worth every tear" in html
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("length", "message"),
    [
        (99, "Your review is 99 characters long; please write at least 100."),
        (20_001, "Your review is 20,001 characters long; the limit is 20,000."),
    ],
)
def test_a_body_too_short_or_too_long_is_refused(client, user, title, review_data, length, message):
    client.force_login(user)
    response = client.post(write_url(title), review_data(body="x" * length))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Review.objects.exists()


def test_a_body_of_exactly_the_limits_is_accepted(client, user_factory, title, review_data):
    for length in (100, 20_000):
        author = user_factory()
        client.force_login(author)
        client.post(write_url(title), review_data(body="y" * length))
    assert Review.objects.count() == 2


def test_html_and_script_in_a_review_render_as_inert_text(client, user, title, review_data):
    client.force_login(user)
    body = "<script>alert('x')</script><b>bold</b> " + "and some more words to pass " * 5
    client.post(write_url(title), review_data(body=body, headline="<img src=x onerror=alert(1)>"))
    review = Review.objects.get()

    for page in (review.get_absolute_url(), title.get_absolute_url()):
        html = client.get(page).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert('x')&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in html
        assert "<img src=x" not in html


def test_more_episodes_than_the_title_has_are_refused(client, user, title, review_data):
    client.force_login(user)
    response = client.post(write_url(title), review_data(episodes_seen="12"))
    assert "1 Litre of Tears has 11 episodes; you cannot have seen 12." in response.content.decode()
    assert not Review.objects.exists()
