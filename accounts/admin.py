from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = [*BaseUserAdmin.fieldsets, ("Profile", {"fields": ["bio", "avatar"]})]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting a member would cascade through list entries, reviews and votes behind
        # the services' backs and leave stored counts wrong; untick "active" instead.
        return False
