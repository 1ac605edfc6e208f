import io

import pytest
from django.core.management import call_command

from reviews.models import TitleStats

pytestmark = pytest.mark.django_db


def test_kept_running_it_refreshes_again_and_again(title_factory, user_factory, rate, settings):
    settings.TOP_MIN_RATINGS = 1
    first, second = title_factory(), title_factory()
    rate(user_factory(), first, "6.0")
    out = io.StringIO()

    call_command("refresh_rankings", every=0.01, runs=2, stdout=out)

    assert out.getvalue().count("Rankings refreshed") == 2
    assert TitleStats.objects.get(title=first).rank == 1
    assert TitleStats.objects.filter(title=second).first() is None or (
        TitleStats.objects.get(title=second).rank is None
    )


def test_once_by_default(title_factory, user_factory, rate):
    rate(user_factory(), title_factory(), "8.0")
    out = io.StringIO()
    call_command("refresh_rankings", stdout=out)
    assert out.getvalue().count("Rankings refreshed") == 1
