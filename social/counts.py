"""Auditing the stored follow counts and unread counts against their rows
(`manage.py recount_social`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction

from .models import Follow, FollowCount, Inbox, Notification
from .selectors import forget_bells

# Each stored count that differs from its rows: (member, what, stored, actual). Members
# without a row count as 0.
DIFFERENT = """
    SELECT c.user_id, 'followers', c.followers, coalesce(f.n, 0)
      FROM {counts} c
      LEFT JOIN (SELECT followed_id, count(*) AS n FROM {follows} GROUP BY followed_id) f
        ON f.followed_id = c.user_id
     WHERE c.followers <> coalesce(f.n, 0)
    UNION ALL
    SELECT c.user_id, 'following', c.following, coalesce(f.n, 0)
      FROM {counts} c
      LEFT JOIN (SELECT follower_id, count(*) AS n FROM {follows} GROUP BY follower_id) f
        ON f.follower_id = c.user_id
     WHERE c.following <> coalesce(f.n, 0)
    UNION ALL
    SELECT i.user_id, 'unread', i.unread, coalesce(n.n, 0)
      FROM {inboxes} i
      LEFT JOIN (SELECT recipient_id, count(*) AS n FROM {notifications}
                  WHERE read_at IS NULL GROUP BY recipient_id) n
        ON n.recipient_id = i.user_id
     WHERE i.unread <> coalesce(n.n, 0)
"""
# Counted rows whose member has no count row at all.
MISSING = """
    SELECT followed_id, 'followers', 0, count(*) FROM {follows}
     WHERE followed_id NOT IN (SELECT user_id FROM {counts}) GROUP BY followed_id
    UNION ALL
    SELECT follower_id, 'following', 0, count(*) FROM {follows}
     WHERE follower_id NOT IN (SELECT user_id FROM {counts}) GROUP BY follower_id
    UNION ALL
    SELECT recipient_id, 'unread', 0, count(*) FROM {notifications}
     WHERE read_at IS NULL AND recipient_id NOT IN (SELECT user_id FROM {inboxes})
     GROUP BY recipient_id
"""
TABLES = {
    "counts": FollowCount._meta.db_table,
    "follows": Follow._meta.db_table,
    "inboxes": Inbox._meta.db_table,
    "notifications": Notification._meta.db_table,
}


@dataclass(frozen=True)
class Difference:
    user_id: int
    what: str  # "followers", "following" or "unread"
    stored: int
    actual: int


def social_counts_recompute(*, check: bool = False) -> list[Difference]:
    """Every follow and unread count that differs from its rows; unless `check`, correct them."""
    with transaction.atomic(), connection.cursor() as cursor:
        # Writers queue behind these locks while the counts are compared and corrected.
        for table in (Follow, Notification):
            cursor.execute(f"LOCK TABLE {table._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(DIFFERENT.format(**TABLES) + " UNION ALL " + MISSING.format(**TABLES))
        differences = [Difference(*row) for row in cursor.fetchall()]
        if not check:
            for d in differences:
                model, field = (Inbox, "unread") if d.what == "unread" else (FollowCount, d.what)
                model.objects.update_or_create(user_id=d.user_id, defaults={field: d.actual})
            corrected = [d.user_id for d in differences if d.what == "unread"]
            forget_bells(corrected)
            transaction.on_commit(lambda: forget_bells(corrected))
    return differences
