"""Stored counters: the one way every app creates, changes and locks its counters.

A counter row is keyed by a unique set of columns (a title, a commented object); it is
created by the first write that needs it. A counter column on another row (a recommendation's
votes) changes through `counter_add` too. Both helpers are safe under concurrent writers.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import connections, router
from django.db.models import F, Model

from core.models import column

M = TypeVar("M", bound=Model)


def counter_add(
    model: type[Model],
    *,
    keys: dict[str, Any],
    delta: int,
    field: str = "count",
    create: bool = True,
) -> None:
    """Add `delta` to the counter `field` of the row with `keys`, creating it if missing.

    One statement (INSERT … ON CONFLICT DO UPDATE): the row lock it takes makes concurrent
    writers on the same row add up in turn. A decrease only updates: a counter goes down
    only for something it counted, so its row exists, and PostgreSQL checks a proposed row's
    constraints (a count that may not be negative) before it sees the conflict.

    A counter kept on a row that is more than a counter (a thread's replies on its first
    comment, a recommendation's votes) is never created here: `create=False` only updates,
    in one statement too.
    """
    if delta < 0 or not create:
        model._default_manager.filter(**keys).update(**{field: F(field) + delta})
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    key_columns = [quote(column(model, name)) for name in keys]
    counted = quote(column(model, field))
    placeholders = ", ".join(["%s"] * (len(keys) + 1))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(key_columns)}, {counted}) VALUES ({placeholders}) "
            f"ON CONFLICT ({', '.join(key_columns)}) "
            f"DO UPDATE SET {counted} = {table}.{counted} + EXCLUDED.{counted}",
            [*keys.values(), delta],
        )


def locked_row(model: type[M], **keys: Any) -> M:
    """The row with `keys`, created with its defaults if missing, locked until the transaction
    ends: writers that change several fields of one counter row queue up here instead of
    losing each other's changes."""
    model._default_manager.bulk_create([model(**keys)], ignore_conflicts=True)
    return model._default_manager.select_for_update().get(**keys)
