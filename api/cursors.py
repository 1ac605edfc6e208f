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
    """A list's order: one sort key (an expression or field) then the id, both in the same
    direction. `read` turns the cursor's JSON value back into the key's type, refusing any
    other (BadCursor); `nulls` says whether the key can be null (nulls come last)."""

    key: Any
    descending: bool
    read: Callable[[Any], Any]
    nulls: bool = False


def _typed(kinds: type | tuple[type, ...], value: Any) -> Any:
    if not isinstance(value, kinds) or isinstance(value, bool):
        raise TypeError("a cursor's value of another type")
    return value


def read_int(value: Any) -> int:
    return _typed(int, value)


def read_float(value: Any) -> float:
    return float(_typed((int, float), value))


def read_text(value: Any) -> str:
    return _typed(str, value)


def read_date(value: Any) -> date:
    return date.fromisoformat(_typed(str, value))


def read_moment(value: Any) -> datetime:
    moment = datetime.fromisoformat(_typed(str, value))
    if moment.tzinfo is None:  # the cursors given carry their offset
        raise TypeError("a moment without its offset")
    return moment


def paged(queryset: QuerySet, order: Order, cursor: str, limit: int) -> dict[str, Any]:
    """A page as the API answers it: its `items` and the `next` cursor (None on the last)."""
    items, after = page(queryset, order, cursor, limit)
    return {"items": items, "next": after or None}


def page(queryset: QuerySet, order: Order, cursor: str, limit: int) -> tuple[list[Any], str]:
    """Up to `limit` rows after `cursor` ("" for the first page), and the next page's cursor
    ("" when this is the last page). Each part is one range of the index that orders it: the
    rows with a key, then (on the page where those run out) the rows without one."""
    rows = queryset.annotate(sort_key=order.key)
    value, last_id = _decode(cursor, order) if cursor else (None, None)
    found: list[Any] = []
    if last_id is None or value is not None:
        keyed = rows.filter(sort_key__isnull=False) if order.nulls else rows
        if last_id is not None:
            keyed = keyed.filter(_after(order, value, last_id))
        found = list(_ordered(keyed, order)[: limit + 1])
    if order.nulls and len(found) <= limit:
        rest = rows.filter(sort_key__isnull=True)
        if value is None and last_id is not None:
            rest = rest.filter(id__lt=last_id) if order.descending else rest.filter(id__gt=last_id)
        found += list(_ordered(rest, order)[: limit + 1 - len(found)])
    if len(found) <= limit:
        return found, ""
    last = found[limit - 1]
    return found[:limit], _encode(last.sort_key, last.pk)


def _ordered(rows: QuerySet, order: Order) -> QuerySet:
    if order.descending:
        return rows.order_by(F("sort_key").desc(nulls_last=True), "-id")
    return rows.order_by(F("sort_key").asc(nulls_last=True), "id")


def _after(order: Order, value: Any, last_id: int) -> Q:
    """The rows after (value, last_id): the key's range, less the ties already shown."""
    if order.descending:
        return Q(sort_key__lte=value) & ~Q(sort_key=value, id__gte=last_id)
    return Q(sort_key__gte=value) & ~Q(sort_key=value, id__lte=last_id)


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
