"""People and their credits: cast and crew of the catalogue's titles."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import F, Func, IntegerField, Q, Value
from django.db.models.functions import Upper
from django.urls import reverse

from core.history import EditHistory
from core.images import CheckedImageField
from core.models import TimeStampedModel

from ..keys import person_key
from .titles import Title, slug_for


class Person(TimeStampedModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    native_name = models.CharField(max_length=200, blank=True)
    photo = CheckedImageField(upload_to="people/", blank=True, kind="portrait")
    birthday = models.DateField(null=True, blank=True)
    biography = models.TextField(blank=True)
    # Both orders of the name, the native name and its romanisation (titles.search).
    search_key = models.TextField(blank=True, editable=False)

    # Not recorded: the search key, derived from the names on each save, and the timestamps.
    history = EditHistory(excluded_fields=["search_key", "created_at", "updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [
            # Admin autocomplete and search by name.
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="person_name_trgm"),
            # People search: forgiving matches on the stored keys (titles.search).
            GinIndex(OpClass("search_key", name="gin_trgm_ops"), name="person_search_key_trgm"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("titles:person", args=[self.pk, self.slug])

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slug_for(self.name)
        self.search_key = person_key(self.name, self.native_name)
        super().save(*args, **kwargs)


class CreditQuerySet(models.QuerySet):
    def cast(self) -> CreditQuerySet:
        return self.filter(kind__in=CAST_KINDS)

    def in_display_order(self) -> CreditQuerySet:
        """Main roles, then support, guest, then crew; each in the editor's order."""
        # The kinds' place in one array: a CASE with a branch per kind reads the same but
        # takes the ORM three times as long to build.
        kinds = Value(Credit.Kind.values, output_field=ArrayField(models.CharField()))
        rank = Func(kinds, F("kind"), function="array_position", output_field=IntegerField())
        return self.annotate(kind_rank=rank).order_by("kind_rank", "order", "id")


@dataclass(frozen=True)
class PageCredits:
    """What the title page shows of a title's credits."""

    cast_preview: list[Credit]
    directors: list[Person]
    screenwriters: list[Person]
    more: int  # credits that only the cast page lists


# What a credit shows of its person; their biography and the rest are not read.
PERSON_SHOWN = ("person__name", "person__slug", "person__photo")


def page_credits(title: Title, preview_size: int) -> PageCredits:
    """The title page's cast preview and makers, with how many more the cast page lists.

    One query reads all of the title's credits (a few dozen at most): cheaper than a query
    for the preview, another for the makers and a count.
    """
    credits = list(
        title.credits.in_display_order()
        .select_related("person")
        .only("kind", "character_name", "order", "title_id", *PERSON_SHOWN)
    )
    preview = [credit for credit in credits if credit.kind in CAST_KINDS][:preview_size]
    return PageCredits(
        cast_preview=preview,
        directors=[c.person for c in credits if c.kind == Credit.Kind.DIRECTOR],
        screenwriters=[c.person for c in credits if c.kind == Credit.Kind.SCREENWRITER],
        more=len(credits) - len(preview),
    )


class Credit(models.Model):
    class Kind(models.TextChoices):
        MAIN = "main", "Main role"
        SUPPORT = "support", "Support role"
        GUEST = "guest", "Guest role"
        DIRECTOR = "director", "Director"
        SCREENWRITER = "screenwriter", "Screenwriter"
        ORIGINAL_WORK = "original_work", "Original work"
        PRODUCER = "producer", "Producer"
        COMPOSER = "composer", "Composer"

    # Both foreign keys lead a named index in Meta, so neither gets one of its own.
    title = models.ForeignKey(  # credit_title_kind_order_idx
        Title, on_delete=models.CASCADE, related_name="credits", db_index=False
    )
    person = models.ForeignKey(  # credit_unique_person_title_kind_character
        Person, on_delete=models.CASCADE, related_name="credits", db_index=False
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MAIN)
    character_name = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers show first.")

    objects = CreditQuerySet.as_manager()
    history = EditHistory()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "title", "kind", "character_name"],
                name="credit_unique_person_title_kind_character",
                violation_error_message="This person already has this credit on this title.",
            ),
            models.CheckConstraint(
                name="credit_kind_valid",
                condition=Q(
                    kind__in=[
                        "main",
                        "support",
                        "guest",
                        "director",
                        "screenwriter",
                        "original_work",
                        "producer",
                        "composer",
                    ]
                ),
            ),
        ]
        # The unique constraint's index (person first) serves the person page.
        indexes = [
            # Title page and cast page: a title's credits in display order.
            models.Index(fields=["title", "kind", "order"], name="credit_title_kind_order_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_kind_display()} in {self.title}"


CAST_KINDS = [Credit.Kind.MAIN, Credit.Kind.SUPPORT, Credit.Kind.GUEST]
