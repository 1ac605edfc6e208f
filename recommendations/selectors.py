"""Reads of the recommendations app that pages call; each returns lists, never querysets."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, JSONObject

from accounts.models import User
from core.pagination import stored_count_page
from core.replicas import read_connection
from titles.models import Title

from .models import (
    Recommendation,
    RecommendationReason,
    RecommendationVote,
    SimilarTitle,
    TitleRecommendationCount,
)

# What a card shows of the other title, in the model's field order (which `from_db` expects);
# the rest of its columns are not read.
CARD_TITLE = ["id", "title", "slug", "year", "poster"]
# What a card reads of the pair itself, in the model's field order (which `from_db` expects).
RECOMMENDATION_ROW = ["id", "title_low_id", "title_high_id", "votes_count", "reasons_count"]
# Best first: most votes, then most reasons, then the oldest.
BEST_FIRST = ("-votes_count", "-reasons_count", "id")


@dataclass(frozen=True)
class RecommendationCard:
    """One recommendation as a title's page shows it: the other title and the first reason."""

    recommendation: Recommendation
    other: Title
    reason: str
    # The reason was written on the other title's page, about this one.
    reason_from_other_page: bool
    recommended_by: str

    @property
    def others_count(self) -> int:
        """How many more users gave a visible reason ("and N others")."""
        return max(self.recommendation.reasons_count - 1, 0)


@dataclass(frozen=True)
class TitleSection:
    """The recommendations part of a title's page."""

    best: list[RecommendationCard]
    total: int
    similar: list[SimilarTitle]

    @property
    def more(self) -> int:
        """N in "More recs (N)": the title's recommendations not shown on its page."""
        return self.total - len(self.best)


def count_for_title(title: Title) -> int:
    """How many recommendations pair `title` with another: one primary-key read."""
    row = TitleRecommendationCount.objects.filter(title=title).values_list("count", flat=True)
    return next(iter(row), 0)


def _side(title: Title, here: str, there: str, rows: int) -> QuerySet:
    """The best `rows` recommendations where `title` is `here` in the pair, as plain rows.

    Each side is one range of its own index (recommendation_low_best_idx or ..._high_...),
    read in order and stopped after `rows` rows, however many recommendations the title has.
    Only the other title of each pair is joined, under the same column names on both sides.
    """
    # The reasons written on this title's page come first; a reason from the other title's
    # page is shown only when there is none, and labelled as such. Hidden reasons are never
    # shown; a pair whose every reason is hidden has a card without one.
    for_low = (
        F("for_low").desc(nulls_last=True)
        if here == "title_low"
        else F("for_low").asc(nulls_last=True)
    )
    first = (
        RecommendationReason.objects.visible()
        .filter(recommendation=OuterRef("pk"))
        .order_by(for_low, "created_at", "id")
        .values(json=JSONObject(text="text", for_low="for_low", by="user__username"))[:1]
    )
    other = {f"other_{name}": F(f"{there}__{name}") for name in CARD_TITLE}
    return (
        Recommendation.objects.filter(**{here: title})
        .order_by(*BEST_FIRST)
        .values(*RECOMMENDATION_ROW, **other, first_reason=Subquery(first))[:rows]
    )


def best_for_title(title: Title, *, offset: int = 0, limit: int) -> list[RecommendationCard]:
    """A title's recommendations, best first, from `offset`: one query.

    A UNION ALL of the best `offset + limit` of each side, merged and cut. Measured against
    `WHERE title_low = t OR title_high = t ORDER BY ... LIMIT`, which has to read and sort
    every recommendation of the title, this stays constant as a title's recommendations grow.
    """
    rows = offset + limit
    merged = (
        _side(title, "title_low", "title_high", rows)
        .union(_side(title, "title_high", "title_low", rows), all=True)
        .order_by(*BEST_FIRST)[offset:rows]
    )
    return [_card(row, title, merged.db) for row in merged]


def _card(row: dict[str, Any], title: Title, db: str) -> RecommendationCard:
    """A card from a row of `_side`, with the pair and the other title as model instances."""
    rec = Recommendation.from_db(db, RECOMMENDATION_ROW, [row[name] for name in RECOMMENDATION_ROW])
    other = Title.from_db(db, CARD_TITLE, [row[f"other_{name}"] for name in CARD_TITLE])
    if rec.title_low_id == title.pk:
        rec.title_low, rec.title_high = title, other
    else:
        rec.title_low, rec.title_high = other, title
    reason = row["first_reason"] or {}
    for_low = reason.get("for_low")
    return RecommendationCard(
        recommendation=rec,
        other=other,
        reason=reason.get("text", ""),
        reason_from_other_page=for_low is not None and for_low != (rec.title_low_id == title.pk),
        recommended_by=reason.get("by", ""),
    )


def similar_for_title(title: Title, limit: int) -> list[SimilarTitle]:
    """ "People who liked this also liked": stored rows in rank order, one query."""
    return list(
        SimilarTitle.objects.filter(title=title).select_related("similar").order_by("rank")[:limit]
    )


def title_section(title: Title) -> TitleSection:
    """Everything the title page shows about recommendations, in two or three queries: the
    title's number of recommendations, its best ones (skipped when it has none), and the
    computed similar titles when users have recommended fewer than a few.
    """
    total = count_for_title(title)
    best = best_for_title(title, limit=settings.RECOMMENDATIONS_ON_TITLE_PAGE) if total else []
    similar = (
        similar_for_title(title, settings.SIMILAR_TITLES_SHOWN)
        if total < settings.SIMILAR_SHOWN_BELOW_RECOMMENDATIONS
        else []
    )
    return TitleSection(best=best, total=total, similar=similar)


def page_for_title(title: Title, page_number: str | None) -> Page:
    """A page of all of a title's recommendations, best first: the stored count, one query."""
    return stored_count_page(
        lambda offset, limit: best_for_title(title, offset=offset, limit=limit),
        count=count_for_title(title),
        page_number=page_number,
        per_page=settings.RECOMMENDATIONS_PER_PAGE,
    )


def recommendation_for_page(pk: int) -> Recommendation | None:
    """The recommendation with both titles and its number of hidden reasons: one query."""
    hidden = (
        RecommendationReason.objects.filter(
            recommendation=OuterRef("pk"), state=RecommendationReason.State.HIDDEN
        )
        .order_by()
        .values("recommendation")
        .annotate(n=Count("*"))
        .values("n")
    )
    found = (
        Recommendation.objects.select_related("title_low", "title_high")
        .annotate(hidden_count=Coalesce(Subquery(hidden), 0))
        .filter(pk=pk)
        .first()
    )
    if found is not None:
        found.hidden_reasons = found.hidden_count
    return found


def reasons_page(recommendation: Recommendation, page_number: str | None) -> Page:
    """A page of a recommendation's reasons, oldest first, with their authors.

    Hidden reasons keep their place (the page shows them as hidden), so the page count adds
    them to the stored count of visible ones; `recommendation` comes from
    `recommendation_for_page`.
    """
    return stored_count_page(
        recommendation.reasons.select_related("user").order_by("created_at", "id"),
        count=recommendation.reasons_count + recommendation.hidden_reasons,
        page_number=page_number,
        per_page=settings.RECOMMENDATIONS_PER_PAGE,
    )


# Asked on every page a member reads that shows recommendations (recommendations/parts.py):
# plain SQL on this app's tables, a third of the ORM's cost for the same statements.
VOTED_AND_YOURS = (
    f"SELECT recommendation_id, TRUE FROM {RecommendationVote._meta.db_table}"
    " WHERE user_id = %(user)s AND recommendation_id = ANY(%(ids)s)"
    f" UNION ALL SELECT recommendation_id, FALSE FROM {RecommendationReason._meta.db_table}"
    " WHERE user_id = %(user)s AND recommendation_id = ANY(%(ids)s)"
)


def vote_states(user: User | AnonymousUser, ids: list[int]) -> dict[int, tuple[bool, bool]]:
    """(voted, yours) of the user for each of these recommendations: one query, none for
    guests. "Yours": the user gave a reason for the pair, so may not vote for it."""
    if not user.is_authenticated or not ids:
        return {}
    with read_connection(RecommendationVote).cursor() as cursor:
        cursor.execute(VOTED_AND_YOURS, {"user": user.pk, "ids": list(ids)})
        rows = cursor.fetchall()
    voted = {pk for pk, is_vote in rows if is_vote}
    yours = {pk for pk, is_vote in rows if not is_vote}
    return {pk: (pk in voted, pk in yours) for pk in ids}


def title_choices(query: str, *, exclude_id: int | None, limit: int) -> list[Title]:
    """Titles matching `query` for the recommendation form, names starting with it first."""
    titles = Title.objects.search(query)
    if exclude_id is not None:
        titles = titles.exclude(pk=exclude_id)
    starts = Case(
        When(title__istartswith=query.strip(), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return list(titles.annotate(starts=starts).order_by("starts", "title", "id")[:limit])


def visible_reasons(ids: Collection[int]) -> dict[int, RecommendationReason]:
    """These reasons with both titles of their pair, those still there and shown (the feed's
    recommendations)."""
    if not ids:
        return {}
    reasons = RecommendationReason.objects.visible().filter(pk__in=ids)
    related = reasons.select_related("recommendation__title_low", "recommendation__title_high")
    return related.in_bulk()
