from collections import Counter

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.text import Truncator

from core.admin_pages import MovesPages

from . import services
from .models import Comment


@admin.register(Comment)
class CommentAdmin(MovesPages, admin.ModelAdmin):
    list_display = ["excerpt", "author", "target_label", "state", "is_spoiler", "created_at"]
    list_filter = ["state", "is_spoiler", "content_type"]
    search_fields = ["body", "author__username"]
    list_select_related = ["author", "content_type"]
    show_full_result_count = False  # counting millions of rows on every page is not worth it
    actions = ["hide", "restore"]
    # Text, state and tree change only through the site and the services, which keep the
    # counts true; a moderator may still mark a spoiler someone forgot to flag.
    readonly_fields = [
        "body",
        "author",
        "content_type",
        "object_id",
        "parent",
        "root",
        "depth",
        "state",
        "reply_count",
        "created_at",
        "edited_at",
    ]
    fields = ["is_spoiler", *readonly_fields]

    def pages_of(self, comment: Comment) -> list[str]:
        return services.comment_pages(comment.content_type_id, comment.object_id)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Deleting rows would break threads and counts; hide the comment instead.
        return False

    @admin.display(description="comment")
    def excerpt(self, comment: Comment) -> str:
        return Truncator(comment.body or "[deleted]").chars(80)

    @admin.display(description="on")
    def target_label(self, comment: Comment) -> str:
        return f"{comment.content_type.name} {comment.object_id}"

    @admin.action(description="Hide the selected comments", permissions=["change"])
    def hide(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._apply(request, queryset, services.comment_hide, "hidden")

    @admin.action(description="Restore the selected comments", permissions=["change"])
    def restore(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._apply(request, queryset, services.comment_restore, "restored")

    def _apply(self, request: HttpRequest, queryset: QuerySet[Comment], action, done: str):
        changed = skipped = 0
        refused: Counter[str] = Counter()
        for comment in queryset.order_by("pk"):
            try:
                action(comment=comment, moderator=request.user)
            except PermissionDenied as error:  # the moderator's own words (core/moderation.py)
                refused[str(error)] += 1
            except ValidationError:
                skipped += 1
            else:
                changed += 1
        for why, count in refused.items():
            self.message_user(request, f"{count} comment(s) left as is: {why}", messages.WARNING)
        if changed:
            self.message_user(request, f"{changed} comment(s) {done}.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} comment(s) left as they were: only visible comments can be "
                "hidden, and only hidden ones restored.",
                messages.WARNING,
            )
