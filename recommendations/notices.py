"""What members hear of recommendations: the recommenders, of votes for their pair (gathered
while unread), and their followers, of a new recommendation (the activity log)."""

from __future__ import annotations

from accounts.models import User
from social.models import Kind, Verb
from social.services import activity_record, notify

from .models import Recommendation, RecommendationReason

# The members who gave reasons for a pair, the earliest first, who hear of its votes.
RECOMMENDERS_TOLD = 10


def recommended(reason: RecommendationReason, mentioned: dict[int, str]) -> None:
    """Followers' feeds show it; the members its reason mentions hear of it."""
    activity_record(actor_id=reason.user_id, verb=Verb.RECOMMENDED, object_id=reason.pk)
    notify(
        recipient_ids=mentioned,
        kind=Kind.MENTION,
        actor=reason.user,
        text="mentioned you in a recommendation",
        url=reason.recommendation.get_absolute_url(),
    )


def voted(recommendation: Recommendation, voter: User) -> None:
    reasons = RecommendationReason.objects.visible().filter(recommendation=recommendation)
    authors = reasons.order_by("created_at").values_list("user_id", flat=True)
    pair = Recommendation.objects.select_related("title_low", "title_high").get(
        pk=recommendation.pk
    )
    notify(
        recipient_ids=list(authors[:RECOMMENDERS_TOLD]),
        kind=Kind.RECOMMENDATION,
        actor=voter,
        text=f"agreed with your recommendation of {pair.title_low} with {pair.title_high}",
        url=recommendation.get_absolute_url(),
        group=f"recommendation:{recommendation.pk}",
    )
