"""Moderation of recommendations: read them, remove a reason that breaks the rules.

Counters change only through the services, so deleting here goes through
`recommendation_reason_remove`; recommendations and votes are not edited by hand.
"""

from django.contrib import admin

from .models import Recommendation, RecommendationReason
from .services import recommendation_reason_remove


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "title_low", "title_high", "votes_count", "reasons_count"]
    list_select_related = ["title_low", "title_high"]
    search_fields = ["title_low__title", "title_high__title"]
    readonly_fields = ["title_low", "title_high", "votes_count", "reasons_count", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Removing its reasons one by one keeps every counter true.
        return False


@admin.register(RecommendationReason)
class RecommendationReasonAdmin(admin.ModelAdmin):
    list_display = ["user", "recommendation", "short_text", "created_at"]
    list_select_related = ["user", "recommendation__title_low", "recommendation__title_high"]
    search_fields = ["text", "user__username"]
    readonly_fields = ["recommendation", "user", "text", "created_at"]
    date_hierarchy = "created_at"

    @admin.display(description="reason")
    def short_text(self, reason: RecommendationReason) -> str:
        return reason.text[:80]

    def has_add_permission(self, request) -> bool:
        return False

    def delete_model(self, request, obj: RecommendationReason) -> None:
        recommendation_reason_remove(reason=obj)

    def delete_queryset(self, request, queryset) -> None:
        for reason in queryset:
            recommendation_reason_remove(reason=reason)
