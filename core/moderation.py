"""Who may moderate what, and the signal every app sends when a moderator hides or restores
something in it.

Each app hides and restores its own items through its services (comments, reviews,
recommendation reasons), whether a moderator acts from the site, the queue or the admin; each
service asks `check_may_moderate` first, so one rule holds everywhere. The moderation app
listens to the signal, to record who did what, when and why on the item's history.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.dispatch import Signal

OWN_ITEM = "Another moderator decides about what you wrote."


def can_moderate(user: Any, permission: str, *, author_id: int | None = None) -> bool:
    """May `user` moderate with `permission`: read hidden items, hide and restore them?

    Given the `author_id` of one item, also: did someone else write it? A moderator never
    decides about their own words, neither hiding them nor undoing a hide.
    """
    if not (user.is_authenticated and user.has_perm(permission)):
        return False
    return author_id is None or author_id != user.pk


def check_may_moderate(user: Any, permission: str, *, author_id: int | None = None,
                       refused: str) -> None:  # fmt: skip
    """Raise PermissionDenied unless `user` may moderate the item `author_id` wrote; `refused`
    says why to someone who is no moderator at all."""
    if not can_moderate(user, permission):
        raise PermissionDenied(refused)
    if not can_moderate(user, permission, author_id=author_id):
        raise PermissionDenied(OWN_ITEM)


# Sent inside the write's transaction with: kind ("comment", "review", "reason"),
# object_id, author_id (None for a closed account), moderator, verb ("hide" or "restore")
# and note (the reason told to the author; empty on a restore).
moderated = Signal()


def announce(
    item: models.Model, *, kind: str, author_id: int | None, moderator: Any, verb: str, note: str
) -> None:
    """Tell the listeners that `moderator` hid or restored `item` (of `kind`) with `note`."""
    moderated.send(type(item), kind=kind, object_id=item.pk, author_id=author_id,
                   moderator=moderator, verb=verb, note=note)  # fmt: skip
