"""Set one recorded change back (core/history.py), as an editor would by hand.

Only the fields that the change changed are set, each to its value before that change, on
the object as it is now; then the object is saved through `save()`, so everything a save
does happens again: derived columns such as search keys are recomputed, the page versions
move (each app's signals.py) and the revert is itself recorded, naming its editor and the
change it reverts. Deleted objects are out of reach here: a deletion is undone by adding the
object again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date

from .history import CHANGED, Change, changes_of, same_value

REASON_LENGTH = 100  # simple-history's history_change_reason column


class CannotRevert(Exception):
    pass


@dataclass(frozen=True)
class Reverted:
    fields: list[str]  # the labels of the fields set back
    overwritten: list[str]  # those of them that a later change had changed again
    reason: str  # as the revert's own record gives it


def change_revert(*, record: Any, user: Any) -> Reverted:
    """Set back the change that `record` (a history record) made to its object."""
    history_model = type(record)
    change = changes_of(history_model, [record.history_id])[record.history_id]
    if change.previous is None or record.history_type != CHANGED:
        raise CannotRevert(
            "Only a change to an existing object, with a version before it, can be reverted."
        )
    if not change.fields:
        raise CannotRevert("This change changed nothing that can be set back.")
    model = history_model.instance_type
    with transaction.atomic():
        pk = getattr(record, model._meta.pk.attname)
        obj = model._default_manager.select_for_update().filter(pk=pk).first()
        if obj is None:
            raise CannotRevert(f"This {model._meta.verbose_name} has been deleted since.")
        overwritten = _set_fields(obj, change)
        obj._history_user = user
        obj._change_reason = reason = revert_reason(change)
        if any(name not in change.sets for name in _names(change)):
            _check(obj, _names(change))
            obj.save()
        overwritten += _set_lists(obj, change)
    labels = [field.label for field in change.fields]
    again = [field.label for field in change.fields if field.name in overwritten]
    return Reverted(labels, again, reason)


def revert_reason(change: Change) -> str:
    when = format_date(timezone.localtime(change.record.history_date), "M j, Y, H:i")
    editor = change.editor or "an editor"
    return f"Reverted the change of {when} by {editor}"[:REASON_LENGTH]


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
