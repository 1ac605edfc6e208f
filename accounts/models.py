from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from core.images import CheckedImageField
from core.links import page_link

from .names import mixes_lookalike_scripts, name_key

MIXED_ALPHABETS = (
    "This name mixes letters of different alphabets that look alike. "
    "Please write it in one alphabet."
)
LOOKS_TAKEN = "This name looks the same as a member's name already in use. Please choose another."


class User(AbstractUser):
    bio = models.TextField("short biography", max_length=1000, blank=True)
    avatar = CheckedImageField(upload_to="avatars/", blank=True, kind="avatar")
    # The name as it looks (accounts.names.name_key), set on every save: unique, so that no
    # two members can pass for each other, whatever the letters' case, width or script.
    # Case-folding can lengthen a name ("ß" is "ss"), so the key has room for four times it.
    name_key = models.CharField(max_length=600, unique=True, editable=False)

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
        return page_link("member", self.username)

    def clean(self) -> None:
        super().clean()  # NFKC-normalises the username and the e-mail's domain
        self.email = (self.email or "").strip()
        if not self.username:
            return  # the form already says what is wrong with it
        if mixes_lookalike_scripts(self.username):
            raise ValidationError({"username": MIXED_ALPHABETS})
        taken = User.objects.filter(name_key=name_key(self.username)).exclude(pk=self.pk)
        if taken.exists():
            raise ValidationError({"username": LOOKS_TAKEN})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = name_key(self.username)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "username" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)
