import io

import pytest
from django.core.management import CommandError, call_command

from recommendations.models import Recommendation, TitleRecommendationCount

pytestmark = pytest.mark.django_db


def test_the_check_finds_nothing_when_the_services_wrote_everything(recommendation_factory):
    recommendation_factory(votes=2)
    out = io.StringIO()
    call_command("recount_recommendations", "--check", stdout=out)
    assert "0 counter(s) differ" in out.getvalue()


def test_it_reports_and_corrects_counters_that_drifted(recommendation_factory, title_factory):
    recommendation = recommendation_factory(votes=2)
    Recommendation.objects.filter(pk=recommendation.pk).update(votes_count=7, reasons_count=0)
    # As after a title was deleted in the admin: its partner still counts the pair.
    TitleRecommendationCount.objects.filter(title=recommendation.title_low).update(count=5)

    out = io.StringIO()
    with pytest.raises(CommandError, match="3 counter"):
        call_command("recount_recommendations", "--check", stdout=out)
    assert f"votes count of {recommendation.pk}: stored 7 != actual 2" in out.getvalue()

    call_command("recount_recommendations", stdout=io.StringIO())
    recommendation.refresh_from_db()
    assert (recommendation.votes_count, recommendation.reasons_count) == (2, 1)
    assert TitleRecommendationCount.objects.get(title=recommendation.title_low).count == 1
    call_command("recount_recommendations", "--check", stdout=io.StringIO())
