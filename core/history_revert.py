"""Set one recorded change back (core/history.py), as an editor would by hand.

Only the fields that the change changed are set, each to its value before that change, on
the object as it is now; then the object is saved through `save()`, so everything a save
does happens again: derived columns such as search keys are recomputed, the page versions
move (each app's signals.py) and the revert is itself recorded, naming its editor and the
change it reverts (its note, and `history_reverts`). `revert_preview` tells what a revert
would set, field by field, without setting anything. Deleted objects are out of reach here: a
deletion is undone by adding the object again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import Truncator

from .history import CHANGED, EMPTY, Change, changes_of, same_value, shown

REASON_LENGTH = 100  # simple-history's history_change_reason column


class CannotRevert(Exception):
    pass


@dataclass(frozen=True)
class Reverted:
    fields: list[str]  # the labels of the fields set back
    overwritten: list[str]  # those of them that a later change had changed again
    reason: str  # as the revert's own record gives it


@dataclass(frozen=True)
class PreviewRow:
    label: str
    now: str  # the object's value now
    after: str  # its value once the change is reverted


@dataclass(frozen=True)
class Preview:
    change: Change
    rows: list[PreviewRow]
    overwritten: list[str]  # the labels of the fields that a later change changed again


def revert_preview(*, record: Any) -> Preview:
    """What reverting the change `record` would set, field by field; nothing is saved."""
    change = _revertible(record)
    obj = _current(change, lock=False)
    rows, overwritten = [], []
    for changed in change.fields:
        field = obj._meta.get_field(changed.name)
        if field.many_to_many:
            now_ids = set(getattr(obj, field.name).values_list("pk", flat=True))
            before, after = change.sets[field.name]
            back = (now_ids - (after - before)) | (before - after)
            rows_named = field.related_model._default_manager.filter(pk__in=now_ids | back)
            named = {row.pk: str(row) for row in rows_named}
            rows.append(PreviewRow(changed.label, _listed(named, now_ids), _listed(named, back)))
            again = now_ids != after
        else:
            now = getattr(obj, field.attname)
            before_value = getattr(change.previous, field.attname)
            rows.append(PreviewRow(changed.label, shown(field, now, obj),
                                   shown(field, before_value, change.previous)))  # fmt: skip
            again = not same_value(field, now, getattr(change.record, field.attname))
        if again:
            overwritten.append(changed.label)
    return Preview(change, rows, overwritten)


def _listed(named: dict[Any, str], ids: set[Any]) -> str:
    return ", ".join(sorted((named[pk] for pk in ids if pk in named), key=str.casefold)) or EMPTY


def change_revert(*, record: Any, user: Any) -> Reverted:
    """Set back the change that `record` (a history record) made to its object."""
    change = _revertible(record)
    with transaction.atomic():
        obj = _current(change, lock=True)
        overwritten = _set_fields(obj, change)
        obj._history_user = user
        obj._change_reason = reason = revert_reason(change)
        obj._history_reverts = record.history_id
        if any(name not in change.sets for name in _names(change)):
            _check(obj, _names(change))
            obj.save()
        overwritten += _set_lists(obj, change)
    labels = [field.label for field in change.fields]
    again = [field.label for field in change.fields if field.name in overwritten]
    return Reverted(labels, again, reason)


def _revertible(record: Any) -> Change:
    change = changes_of(type(record), [record.history_id])[record.history_id]
    if change.previous is None or record.history_type != CHANGED:
        raise CannotRevert(
            "Only a change to an existing object, with a version before it, can be reverted."
        )
    if not change.fields:
        raise CannotRevert("This change changed nothing that can be set back.")
    return change


def _current(change: Change, *, lock: bool) -> Any:
    """The changed object as it is now."""
    model = type(change.record).instance_type
    rows = model._default_manager.select_for_update() if lock else model._default_manager.all()
    obj = rows.filter(pk=getattr(change.record, model._meta.pk.attname)).first()
    if obj is None:
        raise CannotRevert(f"This {model._meta.verbose_name} has been deleted since.")
    return obj


def revert_reason(change: Change) -> str:
    """The revert's note: the change's record id, its time to the second, its editor and the
    fields it changed, so that no two notes read the same."""
    return Truncator(
        f"Reverted #{change.record.history_id} of {change_time(change)} by "
        f"{change.editor or 'an editor'}: {', '.join(field.label for field in change.fields)}"
    ).chars(REASON_LENGTH)


def change_time(change: Change) -> str:
    return format_date(timezone.localtime(change.record.history_date), "M j, Y, H:i:s")


def _names(change: Change) -> set[str]:
    return {field.name for field in change.fields}


def _set_fields(obj: models.Model, change: Change) -> list[str]:
    """Set the plain fields the change changed to their values before it; return those that
    a later change had changed again."""
    overwritten = []
    for field in obj._meta.concrete_fields:
        if field.name not in _names(change):
            continue
        now, after = getattr(obj, field.attname), getattr(change.record, field.attname)
        if not same_value(field, now, after):
            overwritten.append(field.name)
        setattr(obj, field.attname, getattr(change.previous, field.attname))
    return overwritten


def _set_lists(obj: models.Model, change: Change) -> list[str]:
    """Undo what the change did to many-to-many lists: take out what it added and put back
    what it removed (if it still exists); other additions and removals stay."""
    overwritten = []
    for name, (before, after) in change.sets.items():
        if name not in _names(change):
            continue
        manager = getattr(obj, name)
        now = set(manager.values_list("pk", flat=True))
        added, removed = after - before, before - after
        if not added <= now or removed & now:
            overwritten.append(name)
        if added & now:
            manager.remove(*(added & now))
        if removed - now:
            manager.add(*manager.model._default_manager.filter(pk__in=removed - now))
    return overwritten


def _check(obj: models.Model, changed: set[str]) -> None:
    """The object's own rules for the fields set back, and all of its constraints (a value
    set back may now clash with another row)."""
    others = [field.name for field in obj._meta.fields if field.name not in changed]
    try:
        obj.full_clean(exclude=others, validate_constraints=False)
        obj.validate_constraints()
    except ValidationError as error:
        raise CannotRevert(" ".join(error.messages)) from error
