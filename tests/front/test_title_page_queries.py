"""The title page's whole query list, stated once: every app's part at its fullest, at two
sizes. Each app's own tests count the queries of its part through its selectors."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from comments.services import comment_post
from core.versions import member_version, pages_changed
from recommendations.models import SimilarTitle
from recommendations.services import recommendation_add
from reviews.models import ListEntry, Review, ReviewVote
from tests.comments.factories import build_forest
from tests.news.factories import ArticleFactory
from tests.recommendations.factories import REASON, RecommendationFactory
from titles.models import Credit, RelatedTitle
from titles.services import create_episodes

pytestmark = pytest.mark.django_db

SCORES = {"overall": "8.0", "story": "8.0", "acting": "8.0", "music": "8.0", "rewatch": "8.0"}
# Everything a title can have, few and many: episodes, credits, names, genres and tags; list
# entries, reviews and votes; recommendations and similar titles; articles; comment threads.
SIZES = {"small": 3, "large": 60}


# The large title takes seconds to build, too long for the fast loop.
@pytest.fixture(params=["small", pytest.param("large", marks=pytest.mark.slow)])
def full_title(request, title_factory, user_factory, credit_factory, alternative_title_factory,
               genre_factory, tag_factory):  # fmt: skip
    size = SIZES[request.param]
    title = title_factory(episodes=size, aired_to=None)
    create_episodes(title)
    title.genres.add(*genre_factory.create_batch(size))
    title.tags.add(*tag_factory.create_batch(size))
    alternative_title_factory.create_batch(size, title=title)
    credit_factory.create_batch(size, title=title)
    for _ in range(size):
        credit_factory(title=title, kind=Credit.Kind.DIRECTOR, character_name="")
        RelatedTitle.objects.create(title=title, related=title_factory(), kind="sequel")
        RelatedTitle.objects.create(title=title_factory(), related=title, kind="remake")
    members = user_factory.create_batch(size)
    ListEntry.objects.bulk_create([ListEntry(user=u, title=title, score="8.0") for u in members])
    reviews = Review.objects.bulk_create(
        [Review(user=u, title=title, body="x" * 120, **SCORES) for u in members]
    )
    ReviewVote.objects.bulk_create(
        [ReviewVote(review=r, user=u, helpful=True) for r in reviews for u in members[:3]]
    )
    for n in range(size):
        other = RecommendationFactory(title=title, votes=n % 3).other_than(title)
        recommendation_add(user=members[n], title=other, other=title, reason=REASON)
        SimilarTitle.objects.create(title=title, similar=other, score=1 / (n + 1), co_likers=5,
                                    rank=n + 1)  # fmt: skip
    ArticleFactory.create_batch(size, titles=[title])
    build_forest(title, threads=size, replies_per_thread=size, authors=members[:5])
    call_command("recompute_stats", stdout=io.StringIO())
    # The content type of titles is cached per process after its first use, as in production.
    ContentType.objects.get_for_model(title)
    return title, size


def test_signed_out_the_title_page_runs_the_same_16_queries_at_any_size(
    client, full_title, user_factory, django_assert_num_queries
):
    title, size = full_title
    # Expect 16 queries when no part of the page is stored yet (core/part_cache.py); each
    # part reads what it shows only when it is made, after the parts' versions are read:
    # catalogue (titles)
    #   1. the title
    #   2. its network, alternative titles, genres and tags (the overview and the metadata)
    #   3. its credits with each person: the cast preview, the makers and how many more
    #   4. its related titles, read from either end
    #   5. the episode guide: the next episode and the latest aired ones
    # reviews (no member, so no entry, votes or own review)
    #   6. its statistics
    #   7. the most helpful reviews with their authors
    #   8. "Recently Watched By" with each member
    # news
    #   9. "News & Articles": the latest articles
    # recommendations
    #   10. the stored number of its recommendations
    #   11. its best ones with the other title, first reason and author
    #   (similar titles are read only below a few recommendations)
    # comments
    #   12. the stored number of its comments
    #   13. the page of threads: each root's id and the digest of what its thread shows
    #   14. the roots and first replies of the threads shown, with their authors
    # lists
    #   15. the public lists that hold the title, with their owners
    #   16. the stored number of members who favor it
    with django_assert_num_queries(16):
        response = client.get(title.get_absolute_url())
    html = response.content.decode()
    assert f"from {size} users" in html
    assert f"More Reviews ({size - 2})" in html
    assert f"Comments ({size * (size + 1)})" in html
    assert html.count('class="episode"') == 3

    # After a new comment only the comments are made again, the rest read back: the title,
    # then the comments' count and threads, and the new thread's rows (12-14 above; the other
    # threads are read back by their digests).
    comment_post(author=user_factory(), target=title, body="Seen it twice now.")
    with django_assert_num_queries(4):
        response = client.get(title.get_absolute_url())
    assert response["X-Part-Cache"].startswith("hit 10, miss 1, ")
    assert "Seen it twice now." in response.content.decode()


def test_signed_in_the_title_page_runs_the_same_25_queries_at_any_size(
    client, full_title, user_factory, django_assert_num_queries
):
    title, size = full_title
    client.force_login(user_factory(username="reader"))
    # Expect 25 queries when nobody has read the page yet: the 16 above, rendered as a
    # visitor sees it (core/page_cache.py), and the member's own parts (core/personal.py):
    #   the signed-in member (the session comes from the cache), read once, then cached (1)
    #   the member's permissions and their groups' permissions, read once, then cached (2)
    #   the member's own list entry, with their review's id ("Your Rating", and "Write a
    #     Review" or "Edit your review"), and their votes on the reviews shown (1)
    #   the member's votes for the recommendations shown, and those they gave reasons for (1)
    #   the member's open reports of the comments and reviews shown ("Reported") (1)
    #   whether the title is one of the member's favorites (1)
    #   the member's lists, for "Add to a list" (1)
    #   the header's bell: the member's unread count, read once, then cached (1)
    #   (their likes are asked only when a comment shown has a like; none has here)
    with django_assert_num_queries(25):
        response = client.get(title.get_absolute_url())
    html = response.content.decode()
    assert f"More recs ({size - 2})" in html
    assert html.count('class="rec-card') == 2
    assert html.count('class="news-item') == 2

    # Expect none once the member's page is stored (core/page_cache.py), and their row and
    # session too (accounts/backends.py).
    with django_assert_num_queries(0):
        again = client.get(title.get_absolute_url())
    assert again["X-Page-Cache"] == "hit"
    assert again.content.decode().count('class="rec-card') == 2

    # Expect 5 after something of theirs changed: their own parts (entries and votes,
    # recommendation votes, open reports, favorites, lists), nothing else.
    pages_changed(member_version(again.wsgi_request.user.pk))
    with django_assert_num_queries(5):
        assert client.get(title.get_absolute_url())["X-Page-Cache"] == "hit"
