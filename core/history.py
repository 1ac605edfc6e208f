"""What editors changed and when: django-simple-history's records, read as changes.

A model with `history = EditHistory(...)` gets a history table: one row per save, holding
every recorded field as it then stood, who saved it (HistoryRequestMiddleware names the
signed-in editor) and an optional reason. A change is a record read against the record
before it of the same object. `changes_of` reads a page of records that way in one query per
history table, so a history page costs the same whatever its length; core/history_revert.py
sets one change back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import Truncator, capfirst
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

ADDED, CHANGED, REMOVED = "+", "~", "-"
EMPTY = "(empty)"
# Values longer than this (a synopsis, an article's body) are cut short on history pages.
SHOWN_LENGTH = 200
# The reason on the record of a row's state from before its history was kept.
BASELINE_REASON = "As it stood before its history was kept"
NEWEST_FIRST = ("-history_date", "-history_id")


class EditHistory(HistoricalRecords):
    """simple-history's records, with three differences.

    A save that changes no recorded field writes no record: the admin saves a title whenever
    one of its inline credits changes, and an empty record would only be noise.

    The first save of a row that has no record yet (made before history was kept, or
    inserted in bulk by the data generator) first records the row as it stood, so that change
    too has its before-values and can be reverted.

    A many-to-many list changed from the other side (`genre.titles.add(title)`) is recorded
    on each title it changed, as if changed from the title.

    And each record says which record it reverts, if it is a revert (`history_reverts`, set
    from the object's `_history_reverts` by core/history_revert.py).
    """

    def get_extra_fields(self, model: type[models.Model], fields: Any) -> dict[str, Any]:
        extra = super().get_extra_fields(model, fields)
        extra["history_reverts"] = models.IntegerField(
            null=True, blank=True, help_text="The history id of the change this one reverted."
        )
        return extra

    def finalize(self, sender: type[models.Model], **kwargs: Any) -> None:
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            pre_save.connect(self.pre_save, sender=sender, weak=False)

    def pre_save(self, instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
        if raw or instance._state.adding or not _recording(instance):
            return
        latest = getattr(instance, self.manager_name).order_by(*NEWEST_FIRST).first()
        if latest is None:
            latest = type(instance)._base_manager.filter(pk=instance.pk).first()
            if latest is None:
                return
            latest._history_user = None  # type: ignore[attr-defined]
            latest._change_reason = BASELINE_REASON  # type: ignore[attr-defined]
            self.create_historical_record(latest, CHANGED)
        instance._history_latest = latest  # type: ignore[attr-defined]

    def post_save(
        self, instance: models.Model, created: bool, using: str | None = None, **kwargs: Any
    ) -> None:
        latest = instance.__dict__.pop("_history_latest", None)
        if not created and latest is not None and self._same(instance, latest):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def m2m_changed(self, instance: models.Model, action: str, attr: str, pk_set: set | None,
                    reverse: bool, **kwargs: Any) -> None:  # fmt: skip
        if pk_set is not None and not pk_set:
            return  # add() of rows already there, remove() of rows not there: no change
        if not reverse:
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        elif action in ("post_add", "post_remove"):
            # A list cleared from the other side is not recorded: nothing in the site does it.
            for changed in self.cls._default_manager.filter(pk__in=pk_set):
                super().m2m_changed(changed, action, attr, pk_set, False, **kwargs)

    def get_meta_options_m2m(self, through_model: type[models.Model]) -> dict[str, Any]:
        # simple-history names a list's records after their class ("HistoricalTitle_genres")
        # and Django adds an "s" for the plural; name them as the list's own rows are named.
        options = super().get_meta_options_m2m(through_model)
        meta = through_model._meta
        options["verbose_name"] = f"historical {meta.verbose_name}"
        options["verbose_name_plural"] = f"historical {meta.verbose_name_plural}"
        return options

    def _same(self, instance: models.Model, stored: Any) -> bool:
        """Does `instance` hold what `stored` (a record, or the row as it was) holds?"""
        return all(
            same_value(field, getattr(instance, field.attname), getattr(stored, field.attname))
            for field in self.fields_included(instance)
        )


def _mark_revert(instance: models.Model, history_instance: Any, **kwargs: Any) -> None:
    """A record written by a revert says which record it reverts."""
    if hasattr(history_instance, "history_reverts"):
        history_instance.history_reverts = getattr(instance, "_history_reverts", None)


pre_create_historical_record.connect(_mark_revert, dispatch_uid="core.history.mark_revert")


def _recording(instance: models.Model) -> bool:
    enabled = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    return enabled and not hasattr(instance, "skip_history_when_saving")


def same_value(field: models.Field, one: Any, other: Any) -> bool:
    """Equal as stored: a file and its name, a date and its text are the same value."""
    return field.get_prep_value(one) == field.get_prep_value(other)


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    """One record with the one before it of the same object, and what differs between them."""

    record: Any
    previous: Any | None
    fields: list[FieldChange]
    # For each recorded many-to-many list: the ids of its rows before and after.
    sets: dict[str, tuple[set[Any], set[Any]]]

    @property
    def action(self) -> str:
        if self.record.history_type == ADDED:
            return "added"
        if self.record.history_type == REMOVED:
            return "removed"
        return "changed" if self.previous is not None else "recorded"

    @property
    def editor(self) -> str:
        """The editor's user name, or "" when the change was not made by a signed-in person."""
        user = self.record.history_user
        return user.get_username() if user is not None else ""

    @property
    def revertible(self) -> bool:
        """Only a change of an existing object with a record before it can be set back: a
        creation has no before-values, and a deletion is undone by adding the object again."""
        return (
            self.record.history_type == CHANGED and self.previous is not None and bool(self.fields)
        )


def changes_of(
    history_model: type[models.Model], history_ids: list[int], *, width: int = SHOWN_LENGTH
) -> dict[int, Change]:
    """The records `history_ids` of one history table as changes, by history id.

    One query reads the records and the one before each (found by a subquery, not one by
    one), with their editors and the rows their foreign keys name; one more per recorded
    many-to-many list reads its rows.
    """
    if not history_ids:
        return {}
    rows = history_model._default_manager
    previous = _previous_id(history_model)
    before = rows.filter(history_id__in=history_ids).values(found=previous)
    records = {
        record.history_id: record
        for record in rows.filter(Q(history_id__in=history_ids) | Q(history_id__in=before))
        .annotate(previous_id=previous)
        .select_related("history_user", *_foreign_keys(history_model))
    }
    sets = _m2m_sets(history_model, list(records))
    changes = {}
    for history_id in history_ids:
        if (record := records.get(history_id)) is None:
            continue
        earlier = records.get(record.previous_id)
        if earlier is None:
            changes[history_id] = Change(record, None, [], {})
            continue
        pairs = {
            name: (set(by_record[earlier.history_id]), set(by_record[history_id]))
            for name, by_record in sets.items()
        }
        fields = _differences(record, earlier, sets, width)
        changes[history_id] = Change(record, earlier, fields, pairs)
    return changes


def _foreign_keys(history_model: type[models.Model]) -> list[str]:
    tracked = history_model.tracked_fields  # type: ignore[attr-defined]
    return [field.name for field in tracked if isinstance(field, models.ForeignKey)]


def _previous_id(history_model: type[models.Model]) -> Subquery:
    """The history id of the record just before the outer one, of the same object."""
    pk = history_model.instance_type._meta.pk.attname  # type: ignore[attr-defined]
    earlier = history_model._default_manager.filter(
        Q(history_date__lt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")),
        **{pk: OuterRef(pk)},
    ).order_by(*NEWEST_FIRST)
    return Subquery(earlier.values("history_id")[:1])


def _m2m_sets(
    history_model: type[models.Model], history_ids: list[int]
) -> dict[str, dict[int, dict[Any, str]]]:
    """For each recorded many-to-many list, each record's related rows: {id: name}."""
    found: dict[str, dict[int, dict[Any, str]]] = {}
    for field in history_model._history_m2m_fields:  # type: ignore[attr-defined]
        m2m_model = HistoricalRecords.m2m_models[field]
        target = m2m_model._meta.get_field(field.m2m_reverse_field_name())
        by_record: dict[int, dict[Any, str]] = {history_id: {} for history_id in history_ids}
        rows = m2m_model._default_manager.filter(history_id__in=history_ids)
        for row in rows.select_related(target.name):
            related = getattr(row, target.name)
            key = getattr(row, target.attname)
            by_record[row.history_id][key] = str(related) if related else f"(deleted, #{key})"
        found[field.name] = by_record
    return found


def _differences(
    record: Any, earlier: Any, sets: dict[str, dict[int, dict[Any, str]]], width: int
) -> list[FieldChange]:
    found = []
    for field in record.tracked_fields:
        if not field.editable or field.primary_key:
            continue
        old, new = getattr(earlier, field.attname), getattr(record, field.attname)
        if not same_value(field, old, new):
            found.append(
                FieldChange(
                    field.name,
                    capfirst(field.verbose_name),
                    shown(field, old, earlier, width),
                    shown(field, new, record, width),
                )
            )
    for field in record._history_m2m_fields:
        old_set, new_set = sets[field.name][earlier.history_id], sets[field.name][record.history_id]
        if old_set.keys() != new_set.keys():
            label = capfirst(field.verbose_name)
            found.append(FieldChange(field.name, label, _names(old_set), _names(new_set)))
    return found


def _names(related: dict[Any, str]) -> str:
    return ", ".join(sorted(related.values(), key=str.casefold)) or EMPTY


def shown(field: models.Field, value: Any, record: Any, width: int = SHOWN_LENGTH) -> str:
    """A recorded value as people read it: names for foreign keys and choices, site dates,
    long text cut short."""
    if isinstance(field, models.ForeignKey):
        if value is None:
            return EMPTY
        related = getattr(record, field.name)  # read with the record (select_related)
        return str(related) if related is not None else f"(deleted, #{value})"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    base_field = getattr(field, "base_field", None)  # an array's items
    if base_field is not None and value:
        return ", ".join(shown(base_field, item, record, width) for item in value)
    if value is None or value in ("", []):
        return EMPTY
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return format_date(timezone.localtime(value), "M j, Y, H:i")
    if isinstance(value, date):
        return format_date(value, "M j, Y")
    return Truncator(str(value)).chars(width)
