"""Members' favorites: titles (the first four lead their profile) and people, with how many
members favor each title and person."""

from __future__ import annotations

from django.conf import settings
from django.db import models

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
