from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from core.images import CheckedImageField


class User(AbstractUser):
    bio = models.TextField("short biography", max_length=1000, blank=True)
    avatar = CheckedImageField(upload_to="avatars/", blank=True)

    # The stubs leave out AbstractUser.Meta, which Django defines.
    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ci",
                condition=~models.Q(email=""),
                violation_error_message="An account with this e-mail address already exists.",
            )
        ]

    def __str__(self) -> str:
        return self.username

    def get_absolute_url(self) -> str:
        return reverse("front:profile", kwargs={"username": self.username})
