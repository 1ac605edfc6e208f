"""Cursor pagination: each page starts after the last row of the one before, found through the
index that orders the list, so the hundredth page costs what the first does.

A cursor is the last row's sort value and id, in base64 JSON: opaque to clients, and harmless
when forged (it only says where to start). One that cannot be read is refused (BadCursor).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import F, Q, QuerySet


class BadCursor(ValueError):
    pass


@dataclass(frozen=True)
class Order:
    """A list's order: one sort key (an expression or field, nulls last), then the id, both in
    the same direction. `read` turns the cursor's JSON value back into the key's type."""

    key: Any
    descending: bool
    read: Callable[[Any], Any] = lambda value: value


def read_date(value: Any) -> date:
    return date.fromisoformat(value)


def read_moment(value: Any) -> datetime:
    return datetime.fromisoformat(value)


def page(queryset: QuerySet, order: Order, cursor: str, limit: int) -> tuple[list[Any], str]:
    """Up to `limit` rows after `cursor` ("" for the first page), and the next page's cursor
    ("" when this is the last page): one query."""
    rows = queryset.annotate(sort_key=order.key)
    if cursor:
        value, last_id = _decode(cursor, order)
        rows = rows.filter(_after(order, value, last_id))
    if order.descending:
        rows = rows.order_by(F("sort_key").desc(nulls_last=True), "-id")
    else:
        rows = rows.order_by(F("sort_key").asc(nulls_last=True), "id")
    found = list(rows[: limit + 1])
    if len(found) <= limit:
        return found, ""
    last = found[limit - 1]
    return found[:limit], _encode(last.sort_key, last.pk)


def _after(order: Order, value: Any, last_id: int) -> Q:
    """The rows after (value, last_id) in the order, whose nulls come last."""
    later_id = Q(id__lt=last_id) if order.descending else Q(id__gt=last_id)
    if value is None:
        return Q(sort_key__isnull=True) & later_id
    beyond = Q(sort_key__lt=value) if order.descending else Q(sort_key__gt=value)
    return beyond | Q(sort_key=value) & later_id | Q(sort_key__isnull=True)


def _encode(value: Any, pk: int) -> str:
    if isinstance(value, date | datetime):
        value = value.isoformat()
    text = json.dumps([value, pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor: str, order: Order) -> tuple[Any, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, pk = json.loads(raw)
        if not isinstance(pk, int) or isinstance(pk, bool):
            raise TypeError
        return (None if value is None else order.read(value)), pk
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as error:
        raise BadCursor(
            "The cursor is not one this API gave; start from the first page."
        ) from error
