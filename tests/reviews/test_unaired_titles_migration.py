"""The migration that puts right the rows written before unaired titles could only be planned:
scores, reviews and progress on titles not aired yet are cleared, a scored plan keeps its
score as watched, the statistics follow, and it says what it changed."""

from datetime import date, timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reviews.models import ListEntry, Review, TitleStats
from reviews.stats import rankings_refresh, stats_recompute

frozen = import_module("reviews.migrations._frozen_unaired_0009")

MIGRATION = ("reviews", "0009_unaired_titles_only_planned")
BEFORE = ("reviews", "0008_defaults_in_the_database")


@pytest.fixture
def upcoming(title_factory):
    first = date.today() + timedelta(days=120)
    return title_factory(
        title="Next Spring", year=first.year, aired_from=first, aired_to=None, episodes=16
    )


@pytest.mark.django_db
def test_rows_written_before_the_rule_are_cleared_and_counted(
    user_factory, title_factory, upcoming, rate, settings
):
    settings.TOP_MIN_RATINGS = 1
    aired = title_factory()
    members = user_factory.create_batch(3)
    # As the site allowed before: scores, a review, and a scored plan on an aired title.
    for member in members:
        ListEntry.objects.create(user=member, title=upcoming, status="completed", score=10)
    Review.objects.create(
        user=members[0], title=upcoming, overall=10, story=10, acting=10, music=10, rewatch=10,
        body="x" * 300,
    )  # fmt: skip
    rate(members[0], aired, "7.0")
    stats_recompute()
    rankings_refresh()
    assert TitleStats.objects.get(title=upcoming).rank is not None

    report = frozen.entries_before_airing_cleared(apps)

    assert report == {"titles": 1, "entries": 3, "reviews": 1, "scored plans": 0}
    assert set(ListEntry.objects.filter(title=upcoming).values_list("status", "score")) == {
        ("plan_to_watch", None)
    }
    assert not Review.objects.filter(title=upcoming).exists()
    stats = TitleStats.objects.get(title=upcoming)
    assert (stats.ratings_count, stats.review_count, stats.watchers, stats.rank) == (0, 0, 3, None)
    assert stats_recompute(check=True) == []
    assert frozen.entries_before_airing_cleared(apps) == {
        "titles": 0, "entries": 0, "reviews": 0, "scored plans": 0
    }  # fmt: skip


@pytest.mark.django_db
def test_a_scored_plan_written_before_the_rule_keeps_its_score_as_watched(
    user_factory, title_factory
):
    title = title_factory(episodes=10)
    finished, halfway = user_factory.create_batch(2)
    with connection.cursor() as cursor:  # as the table was before the constraint
        cursor.execute("ALTER TABLE reviews_listentry DROP CONSTRAINT listentry_plan_has_no_score")
    ListEntry.objects.create(user=finished, title=title, status="plan_to_watch", score=7)
    ListEntry.objects.create(
        user=halfway, title=title, status="plan_to_watch", score=6, episodes_seen=4
    )

    assert frozen.entries_before_airing_cleared(apps)["scored plans"] == 2
    statuses = dict(ListEntry.objects.values_list("user__username", "status"))
    assert statuses == {finished.username: "completed", halfway.username: "watching"}
    assert TitleStats.objects.get(title=title).ratings_count == 2


@pytest.mark.django_db(transaction=True)
def test_the_migration_puts_rows_right_with_the_models_of_its_time(capsys):
    executor = MigrationExecutor(connection)
    # Every app at its latest migration but this one (nothing depends on it).
    others = [leaf for leaf in executor.loader.graph.leaf_nodes() if leaf[0] != "reviews"]
    try:
        executor.migrate([BEFORE])
        old = executor.loader.project_state([BEFORE, *others]).apps
        users = old.get_model("accounts", "User").objects
        members = [users.create(username=name, name_key=name) for name in ("ann", "bo")]
        titles = old.get_model("titles", "Title").objects
        first = date.today() + timedelta(days=120)
        upcoming = titles.create(title="Next Spring", slug="t", year=first.year, aired_from=first)
        aired = titles.create(title="Last Winter", slug="t", year=2020, episodes=10)
        entries = old.get_model("reviews", "ListEntry").objects
        for member in members:
            entries.create(user=member, title=upcoming, status="completed", score=9)
        entries.create(user=members[0], title=aired, status="plan_to_watch", score=7)
        old.get_model("reviews", "Review").objects.create(
            user=members[0], title=upcoming, overall=9, story=9, acting=9, music=9, rewatch=9,
            body="x" * 300,
        )  # fmt: skip

        executor = MigrationExecutor(connection)
        executor.migrate([MIGRATION])
        new = executor.loader.project_state([MIGRATION, *others]).apps
        entries = new.get_model("reviews", "ListEntry").objects
        cleared = set(entries.filter(title_id=upcoming.pk).values_list("status", "score"))
        kept = entries.get(title_id=aired.pk)
        reviews = new.get_model("reviews", "Review").objects.count()
        stats = {
            row.title_id: (row.ratings_count, row.watchers, row.review_count, row.rank)
            for row in new.get_model("reviews", "TitleStats").objects.all()
        }
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    assert cleared == {("plan_to_watch", None)}
    assert (kept.status, kept.score) == ("completed", 7)
    assert reviews == 0
    assert stats[upcoming.pk] == (0, 2, 0, None)
    assert stats[aired.pk][:3] == (1, 1, 0)
    assert (
        "Titles not aired yet: 2 list entries made plans again and 1 reviews deleted, on 1 "
        "titles; 1 planned entries with a score marked as watched."
    ) in capsys.readouterr().out
