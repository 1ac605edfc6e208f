"""Moderation of recommendations: read them, hide or restore a reason, remove one that must go.

Counters change only through the services: hiding and restoring go through `reason_hide` and
`reason_restore`, deleting through `recommendation_reason_remove`; recommendations, votes and
a reason's state are not edited by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from . import services
from .models import HIDDEN_WHY_MAX_LENGTH, Recommendation, RecommendationReason


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


class HideReasonsForm(forms.Form):
    why = forms.CharField(
        label="Why",
        max_length=HIDDEN_WHY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Each author is told this on the recommendation's page.",
    )


@admin.register(RecommendationReason)
class RecommendationReasonAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request) -> bool:
        return False

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return services.can_moderate_reasons(request.user)

    def delete_model(self, request, obj: RecommendationReason) -> None:
        services.recommendation_reason_remove(reason=obj)

    def delete_queryset(self, request, queryset) -> None:
        for reason in queryset:
            services.recommendation_reason_remove(reason=reason)

    @admin.action(description="Hide selected reasons", permissions=["moderate"])
    def hide_reasons(
        self, request: HttpRequest, queryset: QuerySet[RecommendationReason]
    ) -> TemplateResponse | None:
        """Ask why first (the authors are told), then hide each reason through the service."""
        form = HideReasonsForm(request.POST if "why" in request.POST else None)
        if form.is_valid():
            why = form.cleaned_data["why"]
            self._apply(
                request,
                queryset,
                lambda reason: services.reason_hide(reason=reason, moderator=request.user, why=why),
                to=RecommendationReason.State.HIDDEN,
                done="hidden",
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Hide recommendation reasons",
            "opts": self.model._meta,
            "reasons": list(queryset.select_related(*self.list_select_related).order_by("pk")),
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "recommendations/admin/hide_reasons.html", context)

    @admin.action(description="Restore selected reasons", permissions=["moderate"])
    def restore_reasons(
        self, request: HttpRequest, queryset: QuerySet[RecommendationReason]
    ) -> None:
        self._apply(
            request,
            queryset,
            lambda reason: services.reason_restore(reason=reason, moderator=request.user),
            to=RecommendationReason.State.VISIBLE,
            done="restored",
        )

    def _apply(
        self,
        request: HttpRequest,
        queryset: QuerySet[RecommendationReason],
        action: Callable[[RecommendationReason], RecommendationReason],
        *,
        to: str,
        done: str,
    ) -> None:
        changed = unchanged = 0
        for reason in queryset.order_by("pk"):
            if reason.state == to:
                unchanged += 1
                continue
            try:
                action(reason)
            except (PermissionDenied, ValidationError):
                unchanged += 1
            else:
                changed += 1
        if changed:
            self.message_user(request, f"{changed} reason(s) {done}.", messages.SUCCESS)
        if unchanged:
            self.message_user(
                request,
                f"{unchanged} reason(s) left as they were: {done} already.",
                messages.WARNING,
            )
