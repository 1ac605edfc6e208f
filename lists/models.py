"""Members' favorites: titles (the first four lead their profile) and people, with how many
members favor each title and person; and members' own lists of titles, in their order."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse

from core.models import TimeStampedModel
from titles.models import Person, Title


class FavoriteTitle(TimeStampedModel):
    user = models.ForeignKey(  # favoritetitle_once_per_user
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="+")
    # The member's order: the lowest first, so a new favorite goes last.
    position = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "title"],
                name="favoritetitle_once_per_user",
                violation_error_message="This title is already one of your favorites.",
            )
        ]
        indexes = [models.Index(fields=["user", "position"], name="favoritetitle_order_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} ♥ {self.title_id}"


class FavoritePerson(TimeStampedModel):
    user = models.ForeignKey(  # favoriteperson_once_per_user
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "person"],
                name="favoriteperson_once_per_user",
                violation_error_message="This person is already one of your favorites.",
            )
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="favoriteperson_newest_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} ♥ {self.person_id}"


class TitleFavoriteCount(models.Model):
    """How many members have the title among their favorites; kept by lists/services.py in
    the write's transaction."""

    title = models.OneToOneField(
        Title, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.title_id}: {self.count} favorites"


class PersonFavoriteCount(models.Model):
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.person_id}: {self.count} favorites"


# A member's own lists: how long one may grow, and how many a member may keep.
LIST_ITEMS_MAX = 500
LISTS_PER_MEMBER = 100
ITEM_NOTE_MAX_LENGTH = 1000


class CustomList(TimeStampedModel):
    """A member's named, ordered list of titles, public or private."""

    user = models.ForeignKey(  # customlist_user_newest_idx
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True, max_length=2000)
    is_private = models.BooleanField(
        "private", default=False, help_text="Only you can see a private list."
    )
    # How many titles it holds, kept by lists/services.py (the limit is checked against it).
    items_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="customlist_items_within_limit",
                condition=models.Q(items_count__lte=LIST_ITEMS_MAX),
                violation_error_message=f"A list holds at most {LIST_ITEMS_MAX} titles.",
            )
        ]
        indexes = [models.Index(fields=["user", "-updated_at"], name="customlist_user_newest_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("lists:detail", kwargs={"pk": self.pk})


class CustomListItem(TimeStampedModel):
    custom_list = models.ForeignKey(  # customlistitem_once_per_list
        CustomList, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()
    note = models.TextField(blank=True, max_length=ITEM_NOTE_MAX_LENGTH)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["custom_list", "title"],
                name="customlistitem_once_per_list",
                violation_error_message="This title is already on the list.",
            ),
            models.CheckConstraint(
                name="customlistitem_note_length",
                condition=LessThanOrEqual(Length("note"), ITEM_NOTE_MAX_LENGTH),
                violation_error_message=(
                    f"A note can be {ITEM_NOTE_MAX_LENGTH:,} characters at most."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["custom_list", "position"], name="customlistitem_order_idx")
        ]

    def __str__(self) -> str:
        return f"{self.custom_list_id}: {self.title_id} at {self.position}"
