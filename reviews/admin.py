"""Reviews for moderators: find them, read them, hide and restore them.

Hiding and restoring go through `review_hide` and `review_restore`, which keep the title's
statistics true. Nothing here edits or deletes a review: its words and scores are its author's,
and a row deleted from here would leave the statistics counting it.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.text import Truncator

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


def reviews(count: int) -> str:
    return f"{count} review{'' if count == 1 else 's'}"


class HideReviewsForm(forms.Form):
    reason = forms.CharField(
        max_length=HIDDEN_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Each author reads this on their review's page; nobody else does.",
    )


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Review | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Review | None = None) -> bool:
        return False

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return services.can_moderate(request.user)

    @admin.action(description="Hide selected reviews", permissions=["moderate"])
    def hide_reviews(
        self, request: HttpRequest, queryset: QuerySet[Review]
    ) -> TemplateResponse | None:
        """Ask for the reason first (the authors read it), then hide each review."""
        form = HideReviewsForm(request.POST if "reason" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": "Hide reviews",
                "opts": self.opts,
                "reviews": list(queryset.select_related("title", "user").order_by("pk")),
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            request.current_app = self.admin_site.name
            return TemplateResponse(request, "reviews/admin/hide_reviews.html", context)
        reason = form.cleaned_data["reason"]
        hidden = again = 0
        for review in queryset.order_by("pk"):
            was_visible = review.is_visible
            services.review_hide(review=review, moderator=request.user, reason=reason)
            if was_visible:
                hidden += 1
            else:
                again += 1
        if hidden:
            self.message_user(request, f"{reviews(hidden)} hidden.", messages.SUCCESS)
        if again:
            self.message_user(
                request,
                f"{reviews(again)} already hidden: the new reason replaces the old one.",
                messages.WARNING,
            )
        return None

    @admin.action(description="Restore selected reviews", permissions=["moderate"])
    def restore_reviews(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        restored = unchanged = 0
        for review in queryset.order_by("pk"):
            if review.is_visible:
                unchanged += 1
                continue
            services.review_restore(review=review, moderator=request.user)
            restored += 1
        if restored:
            self.message_user(request, f"{reviews(restored)} restored.", messages.SUCCESS)
        if unchanged:
            self.message_user(
                request, f"{reviews(unchanged)} not hidden, so left as is.", messages.WARNING
            )
