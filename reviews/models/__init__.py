"""What members think of titles: list entries, reviews and votes, and each title's statistics."""

from .entries import (
    LIST_ORDERS,
    NOTE_MAX_LENGTH,
    PLANNED_WITHOUT_SCORE,
    REWATCHES_MAX,
    ListEntry,
    ListEntryQuerySet,
    episodes_seen_error,
)
from .member_stats import MemberStats
from .reviews import HIDDEN_REASON_MAX_LENGTH, Review, ReviewQuerySet, ReviewVote, characters
from .stats import HISTOGRAM_BUCKETS, TitleStats, empty_histogram, scores_to_be_ranked

__all__ = [
    "HIDDEN_REASON_MAX_LENGTH",
    "HISTOGRAM_BUCKETS",
    "LIST_ORDERS",
    "NOTE_MAX_LENGTH",
    "PLANNED_WITHOUT_SCORE",
    "REWATCHES_MAX",
    "ListEntry",
    "ListEntryQuerySet",
    "MemberStats",
    "Review",
    "ReviewQuerySet",
    "ReviewVote",
    "TitleStats",
    "characters",
    "empty_histogram",
    "episodes_seen_error",
    "scores_to_be_ranked",
]
