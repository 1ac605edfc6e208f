"""Titles that belong together: sequels, specials, remakes, adaptations, spin-offs."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from core.history import EditHistory

from .titles import Title


class RelatedTitle(models.Model):
    """One link between two titles, read from either end: "B is a sequel of A" shows on A as
    "Sequel: B" and on B as "Prequel: A"."""

    class Kind(models.TextChoices):
        SEQUEL = "sequel", "Sequel"
        SPECIAL = "special", "Special"
        REMAKE = "remake", "Remake"
        ADAPTATION = "adaptation", "Adaptation"
        SPIN_OFF = "spin_off", "Spin-off"

    # How the link reads from the other end.
    INVERSE = {
        Kind.SEQUEL: "Prequel",
        Kind.SPECIAL: "Main story",
        Kind.REMAKE: "Original",
        Kind.ADAPTATION: "Adapted from",
        Kind.SPIN_OFF: "Spun off from",
    }

    title = models.ForeignKey(  # relatedtitle_one_per_pair
        Title, on_delete=models.CASCADE, related_name="related_from", db_index=False
    )
    related = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="related_to")
    kind = models.CharField(max_length=12, choices=Kind.choices)

    history = EditHistory()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "related"],
                name="relatedtitle_one_per_pair",
                violation_error_message="These two titles are already linked.",
            ),
            models.CheckConstraint(
                name="relatedtitle_not_itself",
                condition=~Q(title=F("related")),
                violation_error_message="A title cannot be related to itself.",
            ),
            models.CheckConstraint(
                name="relatedtitle_kind_valid",
                condition=Q(kind__in=["sequel", "special", "remake", "adaptation", "spin_off"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.related} is a {self.get_kind_display().lower()} of {self.title}"


# What a link shows of a title; the rest of its columns are not read.
LINK_FIELDS = ("slug", "title", "year")


def related_of(title: Title) -> list[tuple[str, Title]]:
    """Every title linked to `title`, from either end, as (label, other title): one query."""
    shown = [f"{end}__{name}" for end in ("title", "related") for name in LINK_FIELDS]
    links = (
        RelatedTitle.objects.filter(Q(title=title) | Q(related=title))
        .select_related("title", "related")
        .only("kind", *shown)
    )
    found = [
        (link.get_kind_display(), link.related)
        if link.title_id == title.pk
        else (RelatedTitle.INVERSE[RelatedTitle.Kind(link.kind)], link.title)
        for link in links
    ]
    return sorted(found, key=lambda pair: (pair[1].year or 0, pair[1].title))
