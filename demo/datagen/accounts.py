"""Synthetic members for the benchmark. They have no usable password."""

from __future__ import annotations

from accounts.models import User
from core.progress import Progress
from demo.datagen import Scale, chunked, next_id, reset_sequences


def generate_users(scale: Scale, progress: Progress) -> int:
    """Make the members and return the first generated id."""
    first = next_id("accounts_user")
    with progress.step("members") as update:
        chunked(
            update,
            """
            INSERT INTO accounts_user (id, password, is_superuser, username, name_key,
                first_name, last_name, email, is_staff, is_active, date_joined, bio, avatar)
            SELECT %(base)s + g, '!', false, 'member' || (%(base)s + g),
                   'member' || (%(base)s + g), '', '',
                   'member' || (%(base)s + g) || '@example.test', false, true,
                   now() - (g %% 3000) * interval '1 day', '', ''
              FROM generate_series(%(lo)s, %(hi)s - 1) g
            """,
            scale.users,
            10,
            base=first,
        )
    reset_sequences(User)
    return first
