"""Titles that have not aired: what members may do with them. (Migration 0009 put right the
rows written before that rule, with a frozen copy of its own.)"""

from __future__ import annotations

from titles.models import Title


def not_aired_message(title: Title) -> str:
    return (
        f"{title.title} has not aired yet: you can plan to watch it now, and score or review "
        "it once it airs."
    )
