"""Eight writers on separate connections rate, re-rate and remove on one title at once."""

import random
from decimal import Decimal

import pytest
from django.core.management import call_command

from reviews.models import ListEntry, TitleStats
from reviews.services import list_entry_remove, list_entry_save
from tests.concurrency import run_together

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 8
ROUNDS = 15


def test_concurrent_writers_lose_nothing(title_factory, user_factory):
    title = title_factory()
    users = user_factory.create_batch(WRITERS * 2)

    def writer(n: int) -> None:
        rng = random.Random(n)
        mine = users[n * 2 : n * 2 + 2]
        for _ in range(ROUNDS):
            user = rng.choice(mine)
            if rng.random() < 0.25:
                list_entry_remove(user=user, title=title)
            else:
                score = Decimal(rng.randint(2, 20)) / 2
                list_entry_save(user=user, title=title, status="completed", score=score)

    assert run_together(writer, WRITERS) == []
    call_command("recompute_stats", "--check")
    stats = TitleStats.objects.get(title=title)
    assert stats.watchers == ListEntry.objects.filter(title=title).count()
    assert stats.ratings_count == ListEntry.objects.filter(title=title, score__isnull=False).count()
