"""Moderators hide and restore reviews through the services; every stored count stays true and
every page that lists reviews, cached for everybody, follows on the next request."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from reviews.models import ListEntry, Review, TitleStats
from reviews.services import (
    list_entry_set_score,
    review_delete,
    review_hide,
    review_restore,
    review_update,
    review_vote,
)

pytestmark = pytest.mark.django_db

REASON = "Copied from another site <b>word for word</b>."
HIDDEN_HEADLINE = "A headline nobody should read"
HIDDEN_WORDS = "Words a moderator took down"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    settings.REVIEWS_ON_TITLE_PAGE = 2


@pytest.fixture
def title(title_factory):
    return title_factory(title="Quiet Harbour", episodes=12)


@pytest.fixture
def author(user_factory):
    return user_factory(username="author")


@pytest.fixture
def reader(user_factory):
    return user_factory(username="reader")


@pytest.fixture
def reviews(title, author, user_factory, submit_review):
    """Three reviews of the title; the author's, written last, is the first the page shows."""
    for n, score in enumerate(["6.0", "7.0"]):
        other = user_factory(username=f"other{n}")
        submit_review(other, title, headline=f"Other {n}", overall=score, story=score)
    body = f"{HIDDEN_WORDS}. " * 10
    return submit_review(
        author, title, headline=HIDDEN_HEADLINE, overall="9.0", story="10.0", body=body
    )


def review_numbers(title) -> tuple:
    stats = TitleStats.objects.get(title=title)
    return stats.review_count, stats.overall_sum, stats.story_sum, stats.ratings_count


def assert_statistics_are_true() -> None:
    """`recompute_stats --check` fails when any stored number differs from the rows."""
    call_command("recompute_stats", "--check", stdout=io.StringIO())


def page(client, url, member=None) -> tuple[str, str]:
    client.logout()
    if member is not None:
        client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), response.get("X-Page-Cache", "")


# The services


def test_hiding_takes_the_review_out_of_the_statistics_as_a_delete_would(title, reviews, moderator):
    before = review_numbers(title)

    hidden = review_hide(review=reviews, moderator=moderator, reason="  Spam.  ")

    assert (hidden.state, hidden.hidden_reason) == (Review.State.HIDDEN, "Spam.")
    assert review_numbers(title) == (2, Decimal("13.0"), Decimal("13.0"), before[3])
    # The score is the member's, on their list: it still counts in the title's rating.
    assert ListEntry.objects.get(user=reviews.user, title=title).score == Decimal("9.0")
    assert_statistics_are_true()


def test_restoring_counts_the_review_again_and_forgets_the_reason(title, reviews, moderator):
    before = review_numbers(title)
    review_hide(review=reviews, moderator=moderator, reason="Spam.")

    restored = review_restore(review=reviews, moderator=moderator)

    assert (restored.state, restored.hidden_reason) == (Review.State.VISIBLE, "")
    assert review_numbers(title) == before
    assert_statistics_are_true()


def test_hiding_a_hidden_review_again_only_changes_the_reason(title, reviews, moderator):
    review_hide(review=reviews, moderator=moderator, reason="Spam.")
    numbers = review_numbers(title)

    review_hide(review=reviews, moderator=moderator, reason="Spoils the ending unmarked.")

    reviews.refresh_from_db()
    assert reviews.hidden_reason == "Spoils the ending unmarked."
    assert review_numbers(title) == numbers
    assert_statistics_are_true()


def test_restoring_a_visible_review_changes_nothing(title, reviews, moderator):
    before = review_numbers(title)
    assert review_restore(review=reviews, moderator=moderator).is_visible
    assert review_numbers(title) == before


def test_a_member_without_the_permission_can_neither_hide_nor_restore(
    title, reviews, reader, moderator
):
    with pytest.raises(PermissionDenied):
        review_hide(review=reviews, moderator=reader, reason="I disagree.")
    review_hide(review=reviews, moderator=moderator, reason="Spam.")
    with pytest.raises(PermissionDenied):
        review_restore(review=reviews, moderator=reader)

    reviews.refresh_from_db()
    assert reviews.state == Review.State.HIDDEN
    assert review_numbers(title)[0] == 2


@pytest.mark.parametrize("reason", ["", "   \n ", "x" * 501])
def test_a_blank_or_overlong_reason_is_refused(title, reviews, moderator, reason):
    with pytest.raises(ValidationError):
        review_hide(review=reviews, moderator=moderator, reason=reason)
    reviews.refresh_from_db()
    assert reviews.is_visible
    assert review_numbers(title)[0] == 3


def test_nobody_can_vote_on_a_hidden_review(reviews, moderator, reader):
    review_hide(review=reviews, moderator=moderator, reason="Spam.")
    with pytest.raises(ValidationError, match=r"This review was hidden by a moderator\."):
        review_vote(user=reader, review=reviews, helpful=True)
    reviews.refresh_from_db()
    assert reviews.helpful_total == 0


def test_the_author_edits_a_hidden_review_and_it_stays_hidden_and_uncounted(
    title, reviews, author, moderator
):
    review_hide(review=reviews, moderator=moderator, reason="Spam.")
    numbers = review_numbers(title)
    kept = ("headline", "is_spoiler", "episodes_seen", "music", "acting", "rewatch")
    data = {name: getattr(reviews, name) for name in kept}
    data |= {"body": "Rewritten. " * 12, "overall": Decimal("5.0"), "story": Decimal("4.0")}

    edited = review_update(user=author, review=reviews, data=data)

    assert edited.state == Review.State.HIDDEN
    assert review_numbers(title)[:3] == numbers[:3]
    assert_statistics_are_true()
    review_restore(review=edited, moderator=moderator)
    assert review_numbers(title)[:3] == (3, Decimal("18.0"), Decimal("17.0"))
    assert_statistics_are_true()


def test_a_new_score_for_a_hidden_review_leaves_the_review_numbers_alone(
    title, reviews, author, moderator
):
    review_hide(review=reviews, moderator=moderator, reason="Spam.")
    numbers = review_numbers(title)

    list_entry_set_score(user=author, title=title, score=Decimal("3.0"))

    reviews.refresh_from_db()
    assert reviews.overall == Decimal("3.0")
    assert review_numbers(title)[:3] == numbers[:3]
    assert_statistics_are_true()


def test_deleting_a_hidden_review_takes_nothing_away_twice(title, reviews, author, moderator):
    review_hide(review=reviews, moderator=moderator, reason="Spam.")
    numbers = review_numbers(title)

    review_delete(user=author, review=reviews)

    assert review_numbers(title) == numbers
    assert_statistics_are_true()


# The pages, from the page cache, as visitors and members read them


def test_the_title_page_drops_a_hidden_review_and_its_count_at_once(
    client, title, reviews, moderator, reader
):
    url = title.get_absolute_url()
    html, state = page(client, url)
    assert HIDDEN_HEADLINE in html and "Average of 3 reviews" in html
    assert "More Reviews (1)" in html
    assert page(client, url)[1] == "hit"

    review_hide(review=reviews, moderator=moderator, reason=REASON)

    for member in (None, reader):
        html, state = page(client, url, member)
        assert HIDDEN_HEADLINE not in html
        assert HIDDEN_WORDS not in html
        assert "Average of 2 reviews" in html
        assert "Other 0" in html and "Other 1" in html
        assert "More Reviews" not in html
    assert state == "hit"  # the reader's page is the visitor's, stored once for both

    review_restore(review=reviews, moderator=moderator)

    html, state = page(client, url, reader)
    assert state == "miss"
    assert HIDDEN_HEADLINE in html
    assert "Average of 3 reviews" in html and "More Reviews (1)" in html


def test_every_list_of_reviews_leaves_a_hidden_one_out(
    client, title, reviews, author, moderator, reader
):
    lists = [
        f"/titles/{title.pk}-{title.slug}/reviews/",
        f"/users/{author.username}/reviews/",
        "/",
    ]
    for url in lists:
        assert HIDDEN_HEADLINE in page(client, url)[0], url
    assert reviews.get_absolute_url() in client.get("/sitemap-reviews.xml").content.decode()

    review_hide(review=reviews, moderator=moderator, reason=REASON)

    for url in lists:
        for member in (None, reader):
            assert HIDDEN_HEADLINE not in page(client, url, member)[0], url
    reviews_page = page(client, lists[0])[0]
    assert 'Reviews of Quiet Harbour <span class="text-body-secondary fs-5">(2)</span>' in (
        reviews_page
    )
    assert reviews.get_absolute_url() not in client.get("/sitemap-reviews.xml").content.decode()


def test_others_read_a_placeholder_and_the_author_reads_why(
    client, reviews, author, moderator, reader
):
    url = reviews.get_absolute_url()
    page(client, url)
    review_hide(review=reviews, moderator=moderator, reason=REASON)

    for member in (None, reader):
        html, _ = page(client, url, member)
        assert "[hidden by a moderator]" in html
        assert HIDDEN_HEADLINE not in html and HIDDEN_WORDS not in html
        assert "Story" not in html  # nor the sub-scores
        assert "word for word" not in html
        assert '<meta name="robots" content="noindex, follow">' in html

    html, state = page(client, url, author)
    assert state == "hit"  # the author's words come from their part of the shared page
    assert "[hidden by a moderator]" in html
    assert (
        "A moderator hid your review: Copied from another site "
        "&lt;b&gt;word for word&lt;/b&gt;." in html
    )
    assert f"/reviews/{reviews.pk}/edit/" in html
    assert HIDDEN_WORDS not in html


def test_a_moderator_reads_a_hidden_review_with_its_badge(client, reviews, moderator):
    review_hide(review=reviews, moderator=moderator, reason="Spam.")

    html, _ = page(client, reviews.get_absolute_url(), moderator)

    assert "Hidden by a moderator" in html
    assert HIDDEN_HEADLINE in html and HIDDEN_WORDS in html
    assert "Was this review helpful" not in html


def test_the_author_edits_a_hidden_review_through_the_form_and_it_stays_hidden(
    client, title, reviews, author, moderator, review_data
):
    review_hide(review=reviews, moderator=moderator, reason="Spam.")
    client.force_login(author)

    response = client.post(
        f"/reviews/{reviews.pk}/edit/", review_data(headline="Still mine", episodes_seen="12")
    )

    assert response.status_code == 302
    reviews.refresh_from_db()
    assert (reviews.headline, reviews.state) == ("Still mine", Review.State.HIDDEN)
    assert "Still mine" not in page(client, title.get_absolute_url(), author)[0]
    assert_statistics_are_true()


def test_a_vote_on_a_hidden_review_through_the_page_is_refused(client, reviews, moderator, reader):
    review_hide(review=reviews, moderator=moderator, reason="Spam.")
    client.force_login(reader)

    response = client.post(
        f"/reviews/{reviews.pk}/vote/", {"helpful": "yes"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 422
    assert "This review was hidden by a moderator." in response.content.decode()
