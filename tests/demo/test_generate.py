"""The synthetic data generator, at a tiny scale of its own."""

import io
from dataclasses import replace
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count, Max
from django.utils import timezone

from accounts.models import User
from comments.models import Comment, CommentCount
from core.progress import Progress
from demo.datagen import Scale
from demo.management.commands.generate import generate_rows
from demo.titles import load_seed_title
from reviews.models import ListEntry, Review, ReviewVote
from reviews.stats import helpfulness_recompute, stats_recompute
from titles.countries import CATALOGUE_COUNTRIES
from titles.models import Credit, Episode, Network, Title
from titles.services import air_dates

pytestmark = pytest.mark.django_db

TINY = replace(
    Scale.named("small"),
    titles=60,
    airing_titles=6,
    people=120,
    users=80,
    entries_per_user=10,
    long_list_entries=45,
    hot_title_watchers=40,
    reviews=100,
    hot_title_reviews=12,
    comments=1000,
    hot_title_comments=600,
)


@pytest.mark.slow  # loads the whole demo
def test_it_makes_consistent_rows_at_the_asked_sizes():
    call_command("loaddemo", stdout=io.StringIO())
    hot = load_seed_title()
    titles_before, reviews_before = Title.objects.count(), Review.objects.count()
    demo_titles = list(Title.objects.values_list("pk", flat=True))

    generate_rows(TINY, Progress(io.StringIO()), hot_title=hot.pk)
    stats_recompute()

    assert Title.objects.count() == titles_before + TINY.titles
    # Demo and generated titles and networks alike come from the catalogue's countries.
    for model in (Title, Network):
        assert set(model.objects.values_list("country", flat=True)) <= set(CATALOGUE_COUNTRIES)
    assert Credit.objects.filter(title__title__contains=" ").count() >= TINY.titles * 10
    # Every generated title has its episodes, dated as an editor's "create episodes" dates them.
    generated = Title.objects.exclude(pk__in=demo_titles).annotate(made=Count("episode_list"))
    assert all(title.made == title.episodes for title in generated)
    for title in generated[:5]:
        dates = list(Episode.objects.filter(title=title).values_list("air_date", flat=True))
        assert dates == list(air_dates(title.aired_from, title.aired_weekdays, title.episodes))
    # What airs now is the few titles asked for, not a share of the catalogue.
    today = timezone.localdate()
    airing = generated.filter(aired_to__isnull=True, aired_from__gt=today - timedelta(days=21))
    assert airing.count() == TINY.airing_titles
    assert not generated.filter(year__gte=today.year).exclude(pk__in=airing)
    generated_reviews = Review.objects.count() - reviews_before
    assert TINY.reviews * 0.7 <= generated_reviews <= TINY.reviews * 1.3
    assert Review.objects.filter(title=hot).count() - 53 == TINY.hot_title_reviews
    assert ListEntry.objects.filter(title=hot, user__username__startswith="member").count() >= 40
    # The first member's long list: 45 titles spread over the catalogue, and their own few.
    first_member = User.objects.filter(username__startswith="member").order_by("pk").first()
    assert 45 <= ListEntry.objects.filter(user=first_member).count() <= 45 + 10
    # Every review's Overall is its author's score for the title.
    for review in Review.objects.select_related("user")[:50]:
        entry = ListEntry.objects.get(user=review.user, title=review.title)
        assert entry.score == review.overall
    assert ReviewVote.objects.exists()
    hot_comments = Comment.objects.for_target(hot)
    assert hot_comments.count() == 14 + 600
    assert hot_comments.aggregate(deepest=Max("depth"))["deepest"] == 499
    assert CommentCount.objects.get(object_id=hot.pk).count == hot_comments.visible().count()
    assert Comment.objects.count() == 14 + 1000
    assert stats_recompute(check=True) == []
    assert helpfulness_recompute(check=True) == []


def test_it_refuses_a_database_that_already_has_generated_data(title_factory):
    Title.objects.bulk_create(
        [Title(title=f"Generated {n}", slug=f"generated-{n}", year=2000) for n in range(1001)]
    )
    with pytest.raises(Exception, match="already holds generated data"):
        call_command("generate", "--scale", "small", stdout=io.StringIO())
