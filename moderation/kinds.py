"""What the moderation app knows of each kind of item that can be reported.

For each kind: how to read many items in one query, and how to hide and restore one through
its own app's service, so that every stored count stays true. Profiles cannot be hidden; their
author can be suspended (`services.suspend`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from accounts.models import User
from comments.models import Comment
from comments.services import comment_hide, comment_restore
from recommendations.models import RecommendationReason
from recommendations.services import reason_hide, reason_restore
from reviews.models import Review
from reviews.services import review_hide, review_restore

from .models import Kind


@dataclass
class Item:
    """A reported item as a moderator reads it."""

    kind: str
    pk: int
    author: User | None
    heading: str  # what it is and where ("Review of Quiet Harbour: A slow start")
    text: str  # what its author wrote
    url: str  # where it is shown in context
    created_at: datetime
    hidden: bool = False  # hidden by a moderator now (a profile: its member is suspended)
    gone: bool = False  # deleted by its author

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    @property
    def public(self) -> bool:
        """Shown to everybody: not hidden, not deleted, and (a profile) not suspended."""
        suspended = (
            self.kind == Kind.PROFILE and self.author is not None and not self.author.is_active
        )
        return not (self.hidden or self.gone or suspended)

    @property
    def can_hide(self) -> bool:
        return KINDS[self.kind].hide is not None and not self.hidden and not self.gone

    @property
    def can_restore(self) -> bool:
        return KINDS[self.kind].restore is not None and self.hidden


@dataclass(frozen=True)
class KindOps:
    load: Callable[[Iterable[int]], dict[int, Item]]
    hide: Callable[[int, User, str], object] | None = None
    restore: Callable[[int, User], object] | None = None


def _comments(ids: Iterable[int]) -> dict[int, Item]:
    return {
        c.pk: Item(
            kind=Kind.COMMENT,
            pk=c.pk,
            author=c.author,
            heading=f"Comment by {c.author_name}",
            text=c.body,
            url=c.get_absolute_url(),
            created_at=c.created_at,
            hidden=c.state == Comment.State.HIDDEN,
            gone=c.state == Comment.State.DELETED,
        )
        for c in Comment.objects.select_related("author").filter(pk__in=list(ids))
    }


def _reviews(ids: Iterable[int]) -> dict[int, Item]:
    return {
        r.pk: Item(
            kind=Kind.REVIEW,
            pk=r.pk,
            author=r.user,
            heading=f"Review of {r.title.title}" + (f": {r.headline}" if r.headline else ""),
            text=r.body,
            url=r.get_absolute_url(),
            created_at=r.created_at,
            hidden=r.state == Review.State.HIDDEN,
        )
        for r in Review.objects.select_related("user", "title").filter(pk__in=list(ids))
    }


def _reasons(ids: Iterable[int]) -> dict[int, Item]:
    found = RecommendationReason.objects.select_related(
        "user", "recommendation__title_low", "recommendation__title_high"
    ).filter(pk__in=list(ids))
    return {
        r.pk: Item(
            kind=Kind.REASON,
            pk=r.pk,
            author=r.user,
            heading=f"Reason for recommending {r.recommendation}",
            text=r.text,
            url=r.recommendation.get_absolute_url(),
            created_at=r.created_at,
            hidden=r.state == RecommendationReason.State.HIDDEN,
        )
        for r in found
    }


def _profiles(ids: Iterable[int]) -> dict[int, Item]:
    return {
        u.pk: Item(
            kind=Kind.PROFILE,
            pk=u.pk,
            author=u,
            heading=f"Profile of {u.username}",
            text=u.bio,
            url=u.get_absolute_url(),
            created_at=u.date_joined,
            hidden=not u.is_active,  # a suspended member's profile is not shown
        )
        for u in User.objects.filter(pk__in=list(ids))
    }


# Each hides or restores one item through its own app's service, which checks the moderator's
# permission and keeps the app's stored counts true.
KINDS: dict[str, KindOps] = {
    Kind.COMMENT: KindOps(
        load=_comments,
        hide=lambda pk, by, why: comment_hide(
            comment=Comment.objects.get(pk=pk), moderator=by, reason=why
        ),
        restore=lambda pk, by: comment_restore(comment=Comment.objects.get(pk=pk), moderator=by),
    ),
    Kind.REVIEW: KindOps(
        load=_reviews,
        hide=lambda pk, by, why: review_hide(
            review=Review.objects.get(pk=pk), moderator=by, reason=why
        ),
        restore=lambda pk, by: review_restore(review=Review.objects.get(pk=pk), moderator=by),
    ),
    Kind.REASON: KindOps(
        load=_reasons,
        hide=lambda pk, by, why: reason_hide(
            reason=RecommendationReason.objects.get(pk=pk), moderator=by, why=why
        ),
        restore=lambda pk, by: reason_restore(
            reason=RecommendationReason.objects.get(pk=pk), moderator=by
        ),
    ),
    Kind.PROFILE: KindOps(load=_profiles),
}


def load_items(keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Item]:
    """The items named by (kind, id): one query per kind present."""
    by_kind: dict[str, set[int]] = {}
    for kind, pk in keys:
        by_kind.setdefault(kind, set()).add(pk)
    found: dict[tuple[str, int], Item] = {}
    for kind, ids in by_kind.items():
        found.update({(kind, pk): item for pk, item in KINDS[kind].load(ids).items()})
    return found
