"""Members' personal API tokens: the token itself is shown once, and only its hash is kept."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel

TOKEN_PREFIX = "ddb_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(TimeStampedModel):
    """A token a member made to call the API as themselves: it raises their rate limit (the
    API is read-only and returns only what anybody may see). Revoked, it stays listed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=60, help_text="To tell your tokens apart, e.g. “my app”.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False)  # the token's first characters
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["user", "-created_at"],
                name="apitoken_user_live_idx",
                condition=Q(revoked_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…) of member {self.user_id}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None
