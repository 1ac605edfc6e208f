"""Demo reviews of "1 Litre of Tears": 53 of them, two matching the reference page.

Each reviewer already scored the title in demo/ratings.py with the same Overall, so the
title's 9.0 from 6,819 users stays as it is. Every sentence here is the project's own.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from demo.ratings import viewer_name
from reviews.models import ListEntry, Review, ReviewVote
from reviews.stats import helpfulness_recompute, stats_recompute
from titles.models import Title

FIRST_REFERENCE = {
    "viewer": 1,
    "created_at": datetime(2011, 4, 7, 9, 30, tzinfo=UTC),
    "scores": ("10.0", "10.0", "10.0", "10.0", "9.0"),
    "helpful": (12, 15),
    "headline": "Hard to watch, harder to forget",
    "body": (
        "I put off watching this for years because I knew how it would end, and I was right "
        "to be nervous: I cried through most of the last four episodes. Sawajiri Erika never "
        "asks for pity, and that is exactly why it hurts. A quiet, honest drama that made me "
        "grateful for ordinary days."
    ),
}

SECOND_REFERENCE = {
    "viewer": 2,
    "created_at": datetime(2011, 8, 4, 21, 5, tzinfo=UTC),
    "scores": ("10.0", "10.0", "10.0", "10.0", "5.0"),
    "helpful": (7, 8),
    "headline": "A family story first, an illness story second",
    "body": (
        "What stayed with me is not the diagnosis but the family around it. The tofu shop, "
        "the arguments at the dinner table, the younger sister who resents how much "
        "attention Aya gets and then becomes her fiercest defender: all of it feels lived in. "
        "Yakushimaru Hiroko as the mother is extraordinary; she plays every scene as someone "
        "deciding, over and over, not to fall apart in front of her daughter.\n\n"
        "Nishikido Ryo's Haruto starts as a boy who keeps everyone at arm's length and grows, "
        "slowly and believably, into the person Aya can lean on. The drama never turns their "
        "friendship into a fairy tale, which makes the small moments between them count.\n\n"
        'The music deserves its own mention. The theme song, "Only Human" by K, comes in at '
        "just the right moments, and by the middle of the series the first piano notes were "
        "enough to set me off.\n\n"
        "I gave rewatch value a 5 only because I am not sure I can go through it again. As a "
        "single experience, it is one of the best dramas I have seen."
    ),
}

# Sentences the other reviews are built from, a few each.
SENTENCES = [
    "The pacing is gentle, and the drama trusts its audience to sit with difficult moments.",
    "Every member of the Ikeuchi family gets a story of their own, which I did not expect.",
    "Aya's diary entries, read over the closing scenes, hit me harder each week.",
    "Some hospital scenes feel a little repetitive, but the performances carry them.",
    "I watched it with my mother and we both needed a long walk afterwards.",
    "It explains the illness clearly without ever turning into a lecture.",
    "The school scenes show how quickly friendships shift when someone falls behind.",
    "The doctor is written as a real person with doubts, not just a voice of bad news.",
    "By the final episode I understood why people still recommend this years later.",
    "The soundtrack is simple and it never tells you how to feel.",
    "There is real humour here too, mostly from the younger siblings.",
    "The scene at the bus stop is one of the most honest things I have seen on television.",
    "I would have liked a little more about Haruto's own family.",
    "It is sad, but it is not hopeless, and that difference matters.",
    "The lead actress manages the physical side of the role with great care.",
    "A few side characters disappear without much of an ending.",
    "I keep thinking about the mother's notebook long after finishing.",
    "It made me rethink how I treat people who need a little more time.",
    "Not an easy recommendation for a relaxed evening, but an important one.",
    "The last episode is restrained where many dramas would be loud.",
    "The father's clumsy attempts to help are both funny and heartbreaking.",
    "The classroom argument in the middle of the series is painfully realistic.",
]

# The other 51 reviewers, by their place in the demo viewers (their scores are in ratings.py).
OTHER_REVIEWERS = [
    *range(3, 26),  # scored 10.0
    *range(2201, 2211),  # 9.5
    *range(3351, 3359),  # 9.0
    *range(4751, 4756),  # 8.5
    *range(5501, 5504),  # 8.0
    6751,  # 4.0
    6805,  # 1.0
]


def _nearby(overall: Decimal, rng: random.Random) -> Decimal:
    value = overall + Decimal(rng.choice([-1, -0.5, 0, 0, 0.5])).quantize(Decimal("0.1"))
    return min(Decimal("10.0"), max(Decimal("1.0"), value))


def _other_review(title: Title, user_id: int, score: Decimal, n: int) -> tuple[Review, tuple]:
    rng = random.Random(n)
    body = " ".join(rng.sample(SENTENCES, rng.randint(3, 6)))
    created = datetime(2006, 1, 1, tzinfo=UTC) + timedelta(days=rng.randint(0, 7000))
    votes = rng.randint(0, 4)  # few votes: these stay below the two reference reviews
    review = Review(
        user_id=user_id,
        title=title,
        body=body,
        is_spoiler=n % 11 == 0,
        episodes_seen=title.episodes or 0,
        overall=score,
        story=_nearby(score, rng),
        acting=_nearby(score, rng),
        music=_nearby(score, rng),
        rewatch=_nearby(score, rng),
    )
    review.created_at = created
    return review, (rng.randint(0, votes), votes)


def _reference_review(title: Title, users: dict[str, int], spec: dict) -> tuple[Review, tuple]:
    overall, story, acting, music, rewatch = (Decimal(s) for s in spec["scores"])
    review = Review(
        user_id=users[viewer_name(spec["viewer"])],
        title=title,
        headline=spec["headline"],
        body=spec["body"],
        episodes_seen=title.episodes or 0,
        overall=overall,
        story=story,
        acting=acting,
        music=music,
        rewatch=rewatch,
    )
    review.created_at = spec["created_at"]
    return review, spec["helpful"]


@transaction.atomic
def load_reviews(title: Title) -> None:
    if Review.objects.filter(title=title).exists():
        return
    wanted = [viewer_name(n) for n in [1, 2, *OTHER_REVIEWERS]]
    users = dict(User.objects.filter(username__in=wanted).values_list("username", "id"))
    scores = dict(
        ListEntry.objects.filter(title=title, user_id__in=users.values()).values_list(
            "user_id", "score"
        )
    )
    planned = [
        _reference_review(title, users, FIRST_REFERENCE),
        _reference_review(title, users, SECOND_REFERENCE),
    ]
    for n in OTHER_REVIEWERS:
        user_id = users[viewer_name(n)]
        planned.append(_other_review(title, user_id, scores[user_id], n))
    dates = [review.created_at for review, _ in planned]
    reviews = Review.objects.bulk_create([review for review, _ in planned])
    # auto_now_add stamped them with today; give them back their own dates.
    for review, created_at in zip(reviews, dates, strict=True):
        review.created_at = created_at
    Review.objects.bulk_update(reviews, ["created_at"])

    voter_names = [viewer_name(n) for n in range(7001, 7031)]
    voters = list(User.objects.filter(username__in=voter_names).values_list("id", flat=True))
    votes = []
    for review, (_, (yes, total)) in zip(reviews, planned, strict=True):
        votes += [
            ReviewVote(review=review, user_id=voter, helpful=i < yes)
            for i, voter in enumerate(voters[:total])
        ]
    ReviewVote.objects.bulk_create(votes)
    helpfulness_recompute()
    stats_recompute()
