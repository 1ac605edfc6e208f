from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from reviews.models import TitleStats

pytestmark = pytest.mark.django_db


def test_check_reports_drift_changes_nothing_and_fails(title_factory, user, rate, capsys):
    title = title_factory()
    rate(user, title, "8.0")
    TitleStats.objects.filter(title=title).update(ratings_count=5, watchers=9)

    with pytest.raises(CommandError, match="1 title"):
        call_command("recompute_stats", "--check")

    assert f"title {title.pk}: stored" in capsys.readouterr().out
    assert TitleStats.objects.get(title=title).ratings_count == 5


def test_without_check_it_corrects_the_drift(title_factory, user, rate):
    title = title_factory()
    rate(user, title, "8.0")
    TitleStats.objects.filter(title=title).update(ratings_count=5, histogram=[1] * 10)

    call_command("recompute_stats")

    stats = TitleStats.objects.get(title=title)
    assert (stats.ratings_count, stats.ratings_sum) == (1, Decimal("8.0"))
    assert stats.histogram == [0, 0, 0, 0, 0, 0, 0, 1, 0, 0]
    call_command("recompute_stats", "--check")


def test_it_creates_missing_rows_and_empties_orphans(title_factory, list_entry_factory):
    listed = list_entry_factory(score=Decimal("9.0")).title
    forgotten = title_factory()
    TitleStats.objects.create(title=forgotten, ratings_count=1, ratings_sum=3, watchers=1)

    call_command("recompute_stats")

    assert TitleStats.objects.get(title=listed).ratings_count == 1
    assert TitleStats.objects.get(title=forgotten).watchers == 0


def test_check_finds_helpful_counts_that_drifted_and_the_fix_restores_the_order(
    title_factory, user_factory, submit_review, capsys
):
    from reviews.models import Review
    from reviews.services import review_vote

    review = submit_review(user_factory(), title_factory())
    for helpful in (True, True, False):
        review_vote(user=user_factory(), review=review, helpful=helpful)
    bound = Review.objects.get(pk=review.pk).helpful_lower_bound
    Review.objects.filter(pk=review.pk).update(
        helpful_yes=0, helpful_total=9, helpful_lower_bound=0
    )

    with pytest.raises(CommandError, match="1 review"):
        call_command("recompute_stats", "--check")
    assert f"review {review.pk}: stored helpful/total (0, 9) != actual (2, 3)" in (
        capsys.readouterr().out
    )

    call_command("recompute_stats")
    review.refresh_from_db()
    assert (review.helpful_yes, review.helpful_total) == (2, 3)
    assert review.helpful_lower_bound == pytest.approx(bound)
