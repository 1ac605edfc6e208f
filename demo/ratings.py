"""Demo users and list entries: "1 Litre of Tears" rated 9.0/10 by 6,819 users, from real rows.

Everything is created in bulk and deterministically, so a second run adds nothing.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from accounts.names import name_key
from reviews.member_stats import member_stats_recompute
from reviews.models import ListEntry
from reviews.stats import stats_recompute
from titles.models import Title

VIEWERS = 8_000
VIEWER_PREFIX = "viewer"

# How many users gave each score to the seed title: 6,819 scores with a mean of 8.996.
SEED_SCORES = {
    "10.0": 2200, "9.5": 1150, "9.0": 1400, "8.5": 750, "8.0": 570, "7.5": 270, "7.0": 210,
    "6.5": 90, "6.0": 60, "5.0": 50, "4.0": 30, "3.0": 14, "2.0": 10, "1.0": 15,
}  # fmt: skip
SEED_UNSCORED = {ListEntry.Status.PLAN_TO_WATCH: 700, ListEntry.Status.WATCHING: 300}


# The first demo viewers get handles a person might pick; the rest are numbered.
HANDLES = [
    "hanako_watches",
    "minsu.k",
    "tofu_and_tears",
    "kdrama_owl",
    "sunday_binger",
    "rin_s",
    "mapleleaf",
    "jiwoo",
    "night_train",
    "quiet_viewer",
    "haruka77",
    "lemon_soda",
    "paper_cranes",
    "sora_blue",
    "bookish_mei",
    "taro_t",
    "claire_d",
    "seoul_searching",
    "umeboshi",
    "kenji_reviews",
    "pixel_peach",
    "rainy_tuesday",
    "noodle_cat",
    "yuki_no_hana",
    "dorama_dad",
]


def viewer_name(n: int) -> str:
    return HANDLES[n - 1] if n <= len(HANDLES) else f"{VIEWER_PREFIX}{n:05d}"


def load_viewers() -> list[int]:
    """Create the demo viewers (no usable password) and return their ids in order."""
    User.objects.bulk_create(
        [
            User(
                username=viewer_name(n),
                name_key=name_key(viewer_name(n)),
                email=f"{viewer_name(n)}@example.test",
                password="!",
            )
            for n in range(1, VIEWERS + 1)
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    names = [viewer_name(n) for n in range(1, VIEWERS + 1)]
    ids = dict(User.objects.filter(username__in=names).values_list("username", "id"))
    return [ids[name] for name in names]


def _seed_entries(title: Title, viewers: list[int]) -> list[ListEntry]:
    entries = []
    scores = [Decimal(score) for score, count in SEED_SCORES.items() for _ in range(count)]
    rng = random.Random(2005)
    # Those who completed it saw every episode, so the demo seed title needs its count.
    assert title.episodes is not None
    for user_id, score in zip(viewers, scores, strict=False):
        # Most who scored it finished it; a few scored it while watching or after dropping it.
        status = rng.choices(
            [ListEntry.Status.COMPLETED, ListEntry.Status.WATCHING, ListEntry.Status.DROPPED],
            weights=[92, 6, 2],
        )[0]
        seen = title.episodes if status == ListEntry.Status.COMPLETED else rng.randint(1, 10)
        entries.append(
            ListEntry(user_id=user_id, title=title, status=status, score=score, episodes_seen=seen)
        )
    rest = iter(viewers[len(scores) :])
    for status, count in SEED_UNSCORED.items():
        for _ in range(count):
            entries.append(ListEntry(user_id=next(rest), title=title, status=status))
    return entries


def _spread_entries(title: Title, viewers: list[int], seed: int) -> list[ListEntry]:
    """A few hundred entries around a mean of the title's own."""
    rng = random.Random(seed)
    mean = rng.uniform(6.5, 9.2)
    users = rng.sample(viewers, rng.randint(40, 1500))
    # The named viewers, whose profiles and reviews the demo shows, keep fuller lists.
    named = viewers[: len(HANDLES)]
    users += [user_id for user_id in named if user_id not in users and rng.random() < 0.6]
    entries = []
    for user_id in users:
        status = rng.choices(list(ListEntry.Status), weights=[15, 55, 20, 5, 5])[0]
        if not title.has_aired:  # only planned until it airs
            status = ListEntry.Status.PLAN_TO_WATCH
        score = None
        if status != ListEntry.Status.PLAN_TO_WATCH:
            raw = min(10.0, max(1.0, rng.gauss(mean, 1.1)))
            score = Decimal(round(raw * 2) / 2).quantize(Decimal("0.1"))
        entries.append(ListEntry(user_id=user_id, title=title, status=status, score=score))
    return entries


@transaction.atomic
def load_ratings(seed_title: Title, other_titles: list[Title]) -> None:
    viewers = load_viewers()
    entries = _seed_entries(seed_title, viewers)
    for title in other_titles:
        # The year seeds each title's spread; every demo title has one.
        assert title.year is not None
        entries.extend(_spread_entries(title, viewers, seed=title.year * 31 + len(title.title)))
    ListEntry.objects.bulk_create(entries, batch_size=5000, ignore_conflicts=True)
    stats_recompute()
    member_stats_recompute()
