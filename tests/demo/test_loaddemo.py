import io

import pytest
from django.core.management import call_command

from titles.models import AlternativeTitle, Credit, Title

# Each test loads the whole demo.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_it_creates_the_seed_title_and_other_titles_and_is_safe_to_run_twice():
    call_command("loaddemo", stdout=io.StringIO())
    counts = (Title.objects.count(), Credit.objects.count(), AlternativeTitle.objects.count())
    call_command("loaddemo", stdout=io.StringIO())

    assert (
        Title.objects.count(),
        Credit.objects.count(),
        AlternativeTitle.objects.count(),
    ) == counts
    seed = Title.objects.get(title="1 Litre of Tears")
    assert seed.credits.count() >= 11
    assert Title.objects.exclude(pk=seed.pk).count() >= 8
    assert set(
        Title.objects.filter(title__in=["Pure Soul", "Taiyou no Uta"]).values_list(
            "kind", flat=True
        )
    ) == {"drama"}
