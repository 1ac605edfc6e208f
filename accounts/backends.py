"""Django's ModelBackend, made cheaper for the one thing every signed-in request does.

Each signed-in request reads its member, and asks their permissions (moderators and editors
get pages of their own). The member's row is kept in the cache under a version of its own
(`account_version`), which every save or deletion of a member moves at once (`connect`): a
suspension, a new password or a new name is seen on the next request. When the row is not
there it is read with plain SQL, a third of the ORM's cost. The permission set, which
ModelBackend reads with two queries, is kept likewise under the version PERMISSIONS, which every
change to who holds which permission moves.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts.models import User
from core import replicas
from core.versions import (
    MEMBERS,
    PERMISSIONS,
    member_version,
    newest_write,
    pages_changed,
    versions,
)

TTL = 24 * 3600


USER_BY_ID = f"SELECT * FROM {User._meta.db_table} WHERE id = %s"


def account_version(user_id: int) -> str:
    """The version of a member's row. An aspect of their own version (core/versions.py): a
    change to their account makes their own pages again too (the menu shows their name)."""
    return f"{member_version(user_id)}/account"


class MembersBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        # MEMBERS too: bulk loads (the demo data) move it, and no member's own version.
        current = versions([account_version(pk), MEMBERS])
        if current is None:  # the cache is away: read it, keep nothing
            user = self._read(pk)
        elif (user := cache.get(key := f"account:{pk}:" + ":".join(current))) is None:
            # The row must show every write the version names, whoever made it (a moderator's
            # suspension): read from a replica only once it has replayed that far.
            replicas.read_at_least(newest_write(current))
            user = self._read(pk)
            if user is not None:
                cache.set(key, user, TTL)
        return user if user is not None and self.user_can_authenticate(user) else None

    @staticmethod
    def _read(pk: int) -> User | None:
        return next(iter(User.objects.raw(USER_BY_ID, [pk])), None)

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


def _account_changed(instance: User, **kwargs: Any) -> None:
    pages_changed(account_version(instance.pk))


def connect() -> None:
    """Move PERMISSIONS on every change to memberships, grants, groups and permissions, and a
    member's account version on every save or deletion of their row."""
    for signal in (post_save, post_delete):
        signal.connect(_account_changed, sender=User, dispatch_uid=f"account-{signal}")
    for through in (User.groups.through, User.user_permissions.through,
                    Group.permissions.through):  # fmt: skip
        m2m_changed.connect(_moved, sender=through, dispatch_uid=f"permissions-{through}")
    for model in (Group, Permission):
        for signal in (post_save, post_delete):
            signal.connect(_moved, sender=model, dispatch_uid=f"permissions-{signal}-{model}")
