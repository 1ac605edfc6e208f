import pytest
from django.test import override_settings

from reviews.models import TitleStats
from reviews.stats import rankings_refresh, weighted_score

pytestmark = pytest.mark.django_db


def test_the_weighted_score_follows_the_published_formula():
    assert weighted_score(mean=9.0, count=100, overall_mean=7.0, m=100) == pytest.approx(8.0)
    assert weighted_score(mean=10.0, count=0, overall_mean=7.0, m=100) == pytest.approx(7.0)


@override_settings(RATING_WEIGHT_MIN_VOTES=10, TOP_MIN_RATINGS=1)
def test_many_good_scores_outrank_a_few_perfect_ones(title_factory, user_factory, rate):
    loved = title_factory(title="Loved by many")
    niche = title_factory(title="Two fans")
    disliked = title_factory(title="Disliked")
    unrated = title_factory(title="Only planned")
    users = user_factory.create_batch(40)
    for user in users:
        rate(user, loved, "9.0")
    for user in users[:20]:
        rate(user, disliked, "5.0")
    for user in users[:2]:
        rate(user, niche, "10.0")
    for user in users[:3]:
        rate(user, unrated, None, status="plan_to_watch")

    rankings_refresh()

    ranks = dict(TitleStats.objects.values_list("title__title", "rank"))
    assert ranks == {"Loved by many": 1, "Two fans": 2, "Disliked": 3, "Only planned": None}
    popularity = dict(TitleStats.objects.values_list("title__title", "popularity"))
    assert popularity == {"Loved by many": 1, "Disliked": 2, "Only planned": 3, "Two fans": 4}
    # C is the mean of the title means, (9 + 10 + 5) / 3 = 8, so "Two fans" gets
    # 2/12 · 10 + 10/12 · 8 and "Loved by many" 40/50 · 9 + 10/50 · 8.
    assert TitleStats.objects.get(title=niche).weighted_score == pytest.approx(
        2 / 12 * 10 + 10 / 12 * 8
    )
    assert TitleStats.objects.get(title=loved).weighted_score == pytest.approx(8.8)


def test_a_refresh_with_nothing_new_rewrites_no_row(title_factory, user_factory, rate):
    from django.db import connection

    from reviews.stats import rankings_refresh

    for score in ["7.0", "9.0"]:
        rate(user_factory(), title_factory(), score)
    rankings_refresh()

    def versions() -> list:
        with connection.cursor() as cursor:
            # A rewritten row is a new tuple in a new place, even inside one transaction.
            cursor.execute("SELECT ctid::text FROM reviews_titlestats ORDER BY title_id")
            return cursor.fetchall()

    before = versions()
    rankings_refresh()
    assert versions() == before
