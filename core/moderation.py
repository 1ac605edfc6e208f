"""The signal every app sends when a moderator hides or restores something in it.

Each app hides and restores its own items through its services (comments, reviews,
recommendation reasons), whether a moderator acts from the site, the queue or the admin; the
moderation app listens, to record who did what, when and why on the item's history.
"""

from typing import Any

from django.db import models
from django.dispatch import Signal

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
