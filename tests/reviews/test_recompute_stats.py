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
