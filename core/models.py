from collections.abc import Collection, Sequence
from contextlib import nullcontext

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import BooleanField, Q
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE


def column(model: type[models.Model], name: str) -> str:
    """The database column of `model`'s field `name`, for statements written out in SQL: only
    concrete fields have one."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model._meta.label}.{name} is not a column")
    return field.column


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ChecksInOneQuery(models.Model):
    """Validates a row's check constraints in one query instead of one query each.

    Django asks the database about each check constraint on its own, so a form for a model
    with seven of them costs seven queries before it saves. Here they are all columns of one
    SELECT over the row's values; a constraint naming a field left out of validation is
    skipped, as Django skips it. Unique constraints are validated as Django does.
    """

    class Meta:
        abstract = True

    def get_constraints(self) -> list[tuple[type[models.Model], Sequence[models.BaseConstraint]]]:
        return [
            (model, [c for c in constraints if not isinstance(c, models.CheckConstraint)])
            for model, constraints in super().get_constraints()
        ]

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        errors: dict = {}
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for constraint in self._failed_checks(exclude):
            failure = ValidationError(
                constraint.get_violation_error_message(), code=constraint.violation_error_code
            )
            errors = failure.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _failed_checks(self, exclude: Collection[str] | None) -> list[models.CheckConstraint]:
        checks = [c for c in self._meta.constraints if isinstance(c, models.CheckConstraint)]
        query = Query(None)
        values = self._get_field_expression_map(self._meta, exclude)  # type: ignore[attr-defined]
        for name, value in values.items():
            query.add_annotation(value, name, select=False)
        asked: list[models.CheckConstraint] = []
        for check in checks:
            holds = Coalesce(Q(check.condition), True, output_field=BooleanField())
            try:
                query.add_annotation(holds, f"_check_{len(asked)}")
            except FieldError:  # it names a field left out of validation
                continue
            asked.append(check)
        if not asked:
            return []
        using = router.db_for_write(type(self), instance=self)
        # As in Django: a value the database cannot take fails in a savepoint of its own and
        # leaves the verdict to the save, where the constraint still holds.
        in_transaction = connections[using].in_atomic_block
        try:
            with transaction.atomic(using=using) if in_transaction else nullcontext():
                row = query.get_compiler(using=using).execute_sql(SINGLE)
        except DatabaseError:
            return []
        return [check for check, holds in zip(asked, row, strict=True) if not holds]
