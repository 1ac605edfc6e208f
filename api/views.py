"""The API's pages on the site: its documentation, and a member's tokens."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from accounts.members import signed_in_member
from core.http import sign_in_required
from core.metadata import not_indexed

from . import services
from .forms import TokenForm
from .models import ApiToken
from .routes import DESCRIPTION, api

TOKENS_SHOWN = 20


@cache
def endpoints() -> list[dict[str, Any]]:
    """Each operation of the OpenAPI document, as the docs page lists it."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    found = []
    for address, operations in schema["paths"].items():
        for method, operation in operations.items():
            parameters = [
                {"name": p["name"], "where": p["in"], "required": p.get("required", False),
                 "type": _type(p.get("schema", {})), "description": p.get("description", "")}
                for p in operation.get("parameters", [])
            ]  # fmt: skip
            found.append({"method": method.upper(), "path": address, "parameters": parameters,
                          "summary": operation.get("summary", "")})  # fmt: skip
    return found


def _type(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"] if value != "") or "string"
    if "anyOf" in schema:
        return " or ".join(_type(option) for option in schema["anyOf"])
    return str(schema.get("type", "string"))


def docs(request: HttpRequest) -> HttpResponse:
    context = {"endpoints": endpoints(), "description": DESCRIPTION,
               "anonymous_rate": settings.API_RATE_ANONYMOUS,
               "token_rate": settings.API_RATE_TOKEN}  # fmt: skip
    return render(request, "api/docs.html", context)


@not_indexed
@sign_in_required
@cache_control(private=True, no_store=True)
def tokens(request: HttpRequest) -> HttpResponse:
    """The member's tokens: make one (its secret shown this once), see when each was used."""
    user = signed_in_member(request)
    form = TokenForm(request.POST or None)
    secret, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _, secret = services.api_token_create(user=user, name=form.cleaned_data["name"])
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                form = TokenForm()
        if not secret:
            status = 422
    live_first = F("revoked_at").asc(nulls_first=True)
    mine = ApiToken.objects.filter(user=user).order_by(live_first, "-created_at")
    context = {"form": form, "secret": secret, "tokens": mine[:TOKENS_SHOWN],
               "token_rate": settings.API_RATE_TOKEN}  # fmt: skip
    return render(request, "api/tokens.html", context, status=status)


@require_POST
@sign_in_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=signed_in_member(request))
    services.api_token_revoke(user=signed_in_member(request), token=token)
    messages.success(request, f"The token “{token.name}” is revoked; it no longer works.")
    return redirect("api:tokens")
