import io

import pytest
from django.core.management import call_command

from demo.titles import illness_dramas
from recommendations.models import Recommendation, RecommendationReason, SimilarTitle
from titles.models import Title

# Each test loads the whole demo.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_gives_the_seed_title_27_recommendations_led_by_the_illness_dramas(client):
    call_command("loaddemo", stdout=io.StringIO())
    counts = (
        Recommendation.objects.count(),
        RecommendationReason.objects.count(),
        SimilarTitle.objects.count(),
    )
    call_command("loaddemo", stdout=io.StringIO())
    assert (
        Recommendation.objects.count(),
        RecommendationReason.objects.count(),
        SimilarTitle.objects.count(),
    ) == counts

    call_command("recount_recommendations", "--check", stdout=io.StringIO())
    assert all(len(r.text) >= 50 for r in RecommendationReason.objects.all())
    seed = Title.objects.get(title="1 Litre of Tears")
    html = client.get(seed.get_absolute_url()).content.decode()
    section = html[html.index('id="recommendations"') :]
    pure_soul, taiyou = illness_dramas()
    assert section.index(f">{pure_soul.title}</a>") < section.index(f">{taiyou.title}</a>")
    assert "Recommended by" in section
    assert "More recs (25)" in section
