"""Reviews for moderators: find them, read them, hide and restore them.

Hiding and restoring go through `review_hide` and `review_restore`, which keep the title's
statistics true. Nothing here edits or deletes a review: its words and scores are its author's,
and a row deleted from here would leave the statistics counting it.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.text import Truncator

from core.admin_actions import Hiding, hide_selected, restore_selected
from core.admin_pages import MovesPages
from core.moderation import can_moderate

from . import services
from .models import HIDDEN_REASON_MAX_LENGTH, Review

# Everything is shown and nothing is editable: moderators hide and restore, they do not rewrite.
SHOWN = (
    "title",
    "user",
    "state",
    "hidden_reason",
    "headline",
    "body",
    "is_spoiler",
    "episodes_seen",
    "overall",
    "story",
    "acting",
    "music",
    "rewatch",
    "helpful_yes",
    "helpful_total",
    "created_at",
    "updated_at",
)


HIDING = Hiding(
    noun="review",
    plural="reviews",
    effect=(
        "These reviews will show “[hidden by a moderator]” to everyone but moderators and leave "
        "their titles' statistics. Their authors keep their scores and read the reason below."
    ),
    max_length=HIDDEN_REASON_MAX_LENGTH,
    is_hidden=lambda review: not review.is_visible,
    describe=lambda review: f"{review}: {review.headline}" if review.headline else str(review),
    hide=lambda review, by, why: services.review_hide(review=review, moderator=by, reason=why),
    restore=lambda review, by: services.review_restore(review=review, moderator=by),
)


@admin.register(Review)
class ReviewAdmin(MovesPages, admin.ModelAdmin):
    list_display = ["excerpt", "title", "user", "overall", "state", "helpful", "created_at"]
    list_filter = ["state", "created_at", "is_spoiler"]
    list_select_related = ["title", "user"]
    search_fields = ["headline", "body", "user__username", "title__title"]
    show_full_result_count = False  # counting a million rows on every page is not worth it
    actions = ["hide_reviews", "restore_reviews"]
    fields = SHOWN
    readonly_fields = SHOWN

    @admin.display(description="review")
    def excerpt(self, review: Review) -> str:
        return Truncator(review.headline or review.body).chars(80)

    @admin.display(description="helpful")
    def helpful(self, review: Review) -> str:
        return f"{review.helpful_yes} of {review.helpful_total}"

    def pages_of(self, review: Review) -> list[str]:
        return services.review_pages(review)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Review | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Review | None = None) -> bool:
        return False

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return can_moderate(request.user, services.MODERATE_PERMISSION)

    @admin.action(description="Hide selected reviews", permissions=["moderate"])
    def hide_reviews(
        self, request: HttpRequest, queryset: QuerySet[Review]
    ) -> TemplateResponse | None:
        return hide_selected(self, request, queryset.select_related("title", "user"), HIDING)

    @admin.action(description="Restore selected reviews", permissions=["moderate"])
    def restore_reviews(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        restore_selected(self, request, queryset, HIDING)
