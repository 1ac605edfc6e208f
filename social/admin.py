"""Read-only views of follows, blocks and notifications: their counts are kept by the
services, so the admin neither adds nor changes them."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Block, Follow, Notification


class ReadOnly(admin.ModelAdmin):
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnly):
    list_display = ["recipient", "kind", "actor", "count", "text", "created_at", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient", "actor"]


@admin.register(Follow)
class FollowAdmin(ReadOnly):
    list_display = ["follower", "followed", "created_at"]
    list_select_related = ["follower", "followed"]


@admin.register(Block)
class BlockAdmin(ReadOnly):
    list_display = ["blocker", "blocked", "created_at"]
    list_select_related = ["blocker", "blocked"]
