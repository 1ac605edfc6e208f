"""Writes of the API's tokens: making one (its secret shown once) and revoking it."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .models import TOKEN_PREFIX, ApiToken, token_hash


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user` and its secret, which is never stored and never shown again."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    if (
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).count()
        >= settings.API_TOKENS_MAX
    ):
        raise ValidationError(
            f"You have {settings.API_TOKENS_MAX} tokens; revoke one you no longer use first.",
            code="too_many",
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip() or "Token", key_hash=token_hash(secret), hint=secret[:8]
    )
    return token, secret


def api_token_revoke(*, user: User, token: ApiToken) -> ApiToken:
    if token.user_id != user.pk:
        raise PermissionDenied("This token is not yours.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token
