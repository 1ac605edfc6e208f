"""Moderation of recommendations: read them, hide or restore a reason, remove one that must go.

Counters change only through the services: hiding and restoring go through `reason_hide` and
`reason_restore`, deleting through `recommendation_reason_remove`; recommendations, votes and
a reason's state are not edited by hand.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from core.admin_actions import Hiding, hide_selected, restore_selected
from core.admin_pages import MovesPages
from core.moderation import can_moderate

from . import services
from .models import HIDDEN_WHY_MAX_LENGTH, Recommendation, RecommendationReason


@admin.register(Recommendation)
class RecommendationAdmin(MovesPages, admin.ModelAdmin):
    list_display = ["__str__", "title_low", "title_high", "votes_count", "reasons_count"]
    list_select_related = ["title_low", "title_high"]
    search_fields = ["title_low__title", "title_high__title"]
    readonly_fields = ["title_low", "title_high", "votes_count", "reasons_count", "created_at"]

    def pages_of(self, recommendation: Recommendation) -> list[str]:
        return services.recommendation_pages(recommendation)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Removing its reasons one by one keeps every counter true.
        return False


HIDING = Hiding(
    noun="reason",
    plural="reasons",
    effect=(
        "Readers will see “[hidden by a moderator]” in place of each of these reasons, its "
        "author will read why, and its pair counts it no more. A hidden reason can be restored."
    ),
    max_length=HIDDEN_WHY_MAX_LENGTH,
    is_hidden=lambda reason: reason.is_hidden,
    describe=lambda reason: f"{reason.user} on {reason.recommendation}: {reason.text[:120]}",
    hide=lambda reason, by, why: services.reason_hide(reason=reason, moderator=by, why=why),
    restore=lambda reason, by: services.reason_restore(reason=reason, moderator=by),
)


@admin.register(RecommendationReason)
class RecommendationReasonAdmin(MovesPages, admin.ModelAdmin):
    list_display = ["user", "recommendation", "short_text", "state", "created_at"]
    list_filter = ["state"]
    list_select_related = ["user", "recommendation__title_low", "recommendation__title_high"]
    search_fields = ["text", "user__username"]
    readonly_fields = ["recommendation", "user", "text", "state", "hidden_reason", "created_at"]
    date_hierarchy = "created_at"
    actions = ["hide_reasons", "restore_reasons"]

    @admin.display(description="reason")
    def short_text(self, reason: RecommendationReason) -> str:
        return reason.text[:80]

    def pages_of(self, reason: RecommendationReason) -> list[str]:
        return services.recommendation_pages(reason.recommendation)

    def has_add_permission(self, request) -> bool:
        return False

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return can_moderate(request.user, services.MODERATE_PERMISSION)

    def delete_model(self, request, obj: RecommendationReason) -> None:
        services.recommendation_reason_remove(reason=obj)

    def delete_queryset(self, request, queryset) -> None:
        for reason in queryset:
            services.recommendation_reason_remove(reason=reason)

    @admin.action(description="Hide selected reasons", permissions=["moderate"])
    def hide_reasons(
        self, request: HttpRequest, queryset: QuerySet[RecommendationReason]
    ) -> TemplateResponse | None:
        return hide_selected(
            self, request, queryset.select_related(*self.list_select_related), HIDING
        )

    @admin.action(description="Restore selected reasons", permissions=["moderate"])
    def restore_reasons(
        self, request: HttpRequest, queryset: QuerySet[RecommendationReason]
    ) -> None:
        restore_selected(self, request, queryset, HIDING)
