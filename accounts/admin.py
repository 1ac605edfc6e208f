from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from core.admin_pages import MovesPages
from core.versions import MEMBERS

from .models import User


@admin.register(User)
class UserAdmin(MovesPages, BaseUserAdmin):
    # Django's UserAdmin always sets fieldsets; the base ModelAdmin allows None.
    fieldsets = [*(BaseUserAdmin.fieldsets or ()), ("Profile", {"fields": ["bio", "avatar"]})]

    def pages_of(self, member: User) -> list[str]:
        # Pages show members' names (in links to /users/<name>/) and avatars.
        return [MEMBERS]

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        # Deleting a member would cascade through list entries, reviews and votes behind
        # the services' backs and leave stored counts wrong; untick "active" instead.
        return False
