"""Django's ModelBackend, made cheaper for the one thing every signed-in request does.

Each signed-in request reads its member, and asks their permissions (moderators and editors
get pages of their own). The member is read with plain SQL, a third of the ORM's cost. The
permission set, which ModelBackend reads with two queries, is kept in the cache under the
version PERMISSIONS; every change to who holds which permission moves it at once (`connect`),
so a change is seen on the next request.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts.models import User
from core.versions import PERMISSIONS, pages_changed, versions

TTL = 24 * 3600


USER_BY_ID = f"SELECT * FROM {User._meta.db_table} WHERE id = %s"


class MembersBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = next(iter(User.objects.raw(USER_BY_ID, [user_id])), None)
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            current = versions([PERMISSIONS])
            if current is None:  # the cache is away: read them, keep nothing
                user_obj._perm_cache = super().get_all_permissions(user_obj)
                return user_obj._perm_cache
            # A superuser holds every permission: the flag is part of the key.
            key = f"permissions:{user_obj.pk}:{user_obj.is_superuser}:{current[0]}"
            found = cache.get(key)
            if found is None:
                found = super().get_all_permissions(user_obj)
                cache.set(key, found, TTL)
            user_obj._perm_cache = found
        return user_obj._perm_cache


def _moved(**kwargs: Any) -> None:
    pages_changed(PERMISSIONS)


def connect() -> None:
    """Move PERMISSIONS on every change to memberships, grants, groups and permissions."""
    for through in (User.groups.through, User.user_permissions.through,
                    Group.permissions.through):  # fmt: skip
        m2m_changed.connect(_moved, sender=through, dispatch_uid=f"permissions-{through}")
    for model in (Group, Permission):
        for signal in (post_save, post_delete):
            signal.connect(_moved, sender=model, dispatch_uid=f"permissions-{signal}-{model}")
