"""The admin's "Hide selected …" and "Restore selected …" for members' writing.

Each app that lets moderators hide its items (reviews, recommendation reasons) describes them
with a `Hiding`; these actions ask why before hiding (the authors are told), then hide or
restore each item through the app's own service, which keeps its counts true and refuses what
the moderator may not decide (their own words: core/moderation.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from core.http import form_status


@dataclass(frozen=True)
class Hiding:
    noun: str  # "review"
    plural: str  # "reviews"
    effect: str  # what hiding does, said before the moderator confirms
    max_length: int  # of the reason
    is_hidden: Callable[[Any], bool]
    describe: Callable[[Any], str]  # one item on the confirmation page
    hide: Callable[[Any, Any, str], object]  # (item, moderator, reason)
    restore: Callable[[Any, Any], object]  # (item, moderator)

    def count(self, n: int) -> str:
        return f"{n} {self.noun if n == 1 else self.plural}"


class ReasonForm(forms.Form):
    """Why the items are hidden, as long as the items' app keeps it."""

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"] = forms.CharField(
            max_length=max_length,
            widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
            help_text="Each author reads this where their words were; nobody else does.",
        )


def hide_selected(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet, hiding: Hiding
) -> TemplateResponse | None:
    """Ask why, then hide each selected item that is not hidden yet."""
    items = list(queryset.order_by("pk"))
    data = request.POST if "reason" in request.POST else None
    form = ReasonForm(data, max_length=hiding.max_length)
    if not form.is_valid():
        context = {
            **model_admin.admin_site.each_context(request),
            "title": f"Hide {hiding.plural}",
            "opts": model_admin.opts,
            "hiding": hiding,
            "items": [(item, hiding.describe(item), hiding.is_hidden(item)) for item in items],
            "action": request.POST.get("action", ""),
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = model_admin.admin_site.name
        return TemplateResponse(
            request, "admin/hide_selected.html", context, status=form_status(form)
        )
    reason = form.cleaned_data["reason"]
    _each(model_admin, request, items, hiding, hiding.is_hidden,
          lambda item: hiding.hide(item, request.user, reason), "hidden")  # fmt: skip
    return None


def restore_selected(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet, hiding: Hiding
) -> None:
    _each(model_admin, request, list(queryset.order_by("pk")), hiding,
          lambda item: not hiding.is_hidden(item),
          lambda item: hiding.restore(item, request.user), "restored")  # fmt: skip


def _each(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    items: list,
    hiding: Hiding,
    already: Callable[[Any], bool],
    change: Callable[[Any], object],
    done: str,
) -> None:
    """Change each item that is not `done` already and that the service lets this moderator
    change, and say how many changed and how many were left as they were, and why."""
    waiting = [item for item in items if not already(item)]
    changed, refused = 0, Counter[str]()
    for item in waiting:
        try:
            change(item)
        except PermissionDenied as error:
            refused[str(error)] += 1
        else:
            changed += 1
    if changed:
        model_admin.message_user(request, f"{hiding.count(changed)} {done}.", messages.SUCCESS)
    if left := len(items) - len(waiting):
        model_admin.message_user(
            request, f"{hiding.count(left)} {done} already, so left as is.", messages.WARNING
        )
    for why, count in refused.items():
        model_admin.message_user(
            request, f"{hiding.count(count)} left as is: {why}", messages.WARNING
        )
