"""How members score titles: the steps of a score, the database check behind them, and the
five sub-scores of a review."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q

# Scores run from 1.0 to 10.0 in steps of 0.5.
SCORE_VALUES = [(Decimal(n) / 2).quantize(Decimal("0.1")) for n in range(2, 21)]
SCORE_CHOICES = [(value, f"{value:.1f}") for value in reversed(SCORE_VALUES)]
SCORE_ERROR = "Scores run from 1.0 to 10.0 in steps of 0.5."

# The five sub-scores of a review: (field name, label).
SUB_SCORES = [
    ("overall", "Overall"),
    ("story", "Story"),
    ("acting", "Acting/Cast"),
    ("music", "Music"),
    ("rewatch", "Rewatch Value"),
]


def score_field(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=3,
        decimal_places=1,
        choices=SCORE_CHOICES,
        error_messages={"invalid_choice": SCORE_ERROR, "invalid": SCORE_ERROR},
        **kwargs,
    )


def score_constraint(field: str, name: str, nullable: bool = False) -> models.CheckConstraint:
    """A database check that `field` is one of 1.0, 1.5, ... 10.0."""
    allowed = Q(**{f"{field}__in": SCORE_VALUES})
    if nullable:
        allowed |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(
        name=name,
        condition=allowed,
        violation_error_message=SCORE_ERROR,
    )
