"""The reports and the moderators' actions, readable in the admin; acting on them is done on
the site's queue (`/moderation/`), which goes through the services."""

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from .models import Action, Report


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "reason", "state", "reporter", "author", "created_at", "queue"]
    list_filter = ["state", "kind", "reason", "created_at"]
    list_select_related = ["reporter", "author"]
    search_fields = ["note", "reporter__username", "author__username"]
    date_hierarchy = "created_at"

    @admin.display(description="on the queue")
    def queue(self, report: Report) -> str:
        url = reverse("moderation:item", args=[report.kind, report.object_id])
        return format_html('<a href="{}">Open the item</a>', url)


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "moderator", "author", "note", "created_at"]
    list_filter = ["verb", "kind", "created_at"]
    list_select_related = ["moderator", "author"]
    search_fields = ["note", "moderator__username", "author__username"]
    date_hierarchy = "created_at"
