"""The admin's History page for recorded models (core/history.py), with "Revert this change".

simple-history's page lists each record with its "Changes"; here each change is read against
the record just before it (also across the page's edge) in a fixed number of queries, with
foreign keys and choices shown by name, and a change of an existing object gets a button
that sets back only what it changed (core/history_revert.py), after a page that shows what
the revert would set and asks to confirm. A change that was itself a revert is marked as one,
and its button says that it undoes the revert. A past version as a whole can
be looked at but not restored. A deleted object is out of reach: it has no admin page.

Every change form also asks for an optional "Reason for this change", kept as the reason of
the records that the save writes (the object's, and those of the rows saved in its inlines).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils.text import get_text_list
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_history_model_for_model

from .admin_pages import MovesPages
from .history import REMOVED, changes_of
from .history_revert import (
    REASON_LENGTH,
    CannotRevert,
    change_revert,
    change_time,
    revert_preview,
)
from .versions import pages_changed

REASON_FIELD = "change_reason"


class HistoryAdmin(MovesPages, SimpleHistoryAdmin):
    """For objects that pages show: name their pages' versions in `pages_of`."""

    object_history_list_template = "admin/edit_history_list.html"

    def get_urls(self) -> list[URLPattern | URLResolver]:
        opts = self.model._meta
        revert = path(
            "<path:object_id>/history/<int:history_id>/revert/",
            self.admin_site.admin_view(self.revert_change_view),
            name=f"{opts.app_label}_{opts.model_name}_revert_change",
        )
        return [revert, *super().get_urls()]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Sequence[Any]:
        return [name for name in super().get_fields(request, obj) if name != REASON_FIELD]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return [*super().get_fieldsets(request, obj), (None, {"fields": [REASON_FIELD]})]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        """The model's form with the reason, a field of no model, added to it."""
        if "fields" in kwargs:
            fields = kwargs["fields"]  # None when the admin asks which fields the form has
        else:
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        if fields is not None:
            kwargs["fields"] = [name for name in fields if name != REASON_FIELD]
        form = super().get_form(request, obj, change, **kwargs)
        reason = forms.CharField(
            label="Reason for this change",
            max_length=REASON_LENGTH,
            required=False,
            help_text="Optional. Shown beside this change in the History.",
        )
        return type(form.__name__, (form,), {REASON_FIELD: reason})

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj._change_reason = form.cleaned_data.get(REASON_FIELD) or None
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for inline_form in formset.forms:
            inline_form.instance._change_reason = form.cleaned_data.get(REASON_FIELD) or None
        super().save_formset(request, form, formset, change)

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        # A whole past version is only shown, never saved over the object: simple-history's
        # form for that would let anyone who may view the history change the object, and it
        # would set back every field, not one change.
        return True

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().history_form_view(request, object_id, version_id, extra_context)

    def set_history_delta_changes(
        self, request: HttpRequest, historical_records: Sequence[Any], **kwargs: Any
    ) -> None:
        records = list(historical_records)
        history_model = get_history_model_for_model(self.model)
        changes = changes_of(history_model, [record.history_id for record in records])
        # A deleted object's history is listed too (its deletion first), but nothing of it
        # can be set back.
        deleted = any(record.history_type == REMOVED for record in records)
        may_revert = not deleted and self.has_change_permission(request)
        for record in records:
            change = changes.get(record.history_id)
            fields = change.fields if change else []
            record.history_delta_changes = [
                {"field": field.label, "old": field.old, "new": field.new} for field in fields
            ]
            record.revertible = may_revert and change is not None and change.revertible

    def revert_change_view(
        self, request: HttpRequest, object_id: str, history_id: int
    ) -> HttpResponse:
        """GET: what reverting the change `history_id` of this object would set, with a button
        to confirm; POST (that button): revert it."""
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such object; a deleted object cannot be reverted here.")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        pk_name = self.model._meta.pk.attname
        history_model = get_history_model_for_model(self.model)
        record = get_object_or_404(history_model, history_id=history_id, **{pk_name: obj.pk})
        opts = self.model._meta
        back = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_history",
            args=[quote(obj.pk)],
            current_app=self.admin_site.name,
        )
        try:
            if request.method == "GET":
                return self._revert_confirmation(request, obj, record, back)
            reverted = change_revert(record=record, user=request.user)
        except CannotRevert as error:
            self.message_user(request, f"Nothing was reverted: {error}", messages.ERROR)
            return HttpResponseRedirect(back)
        pages_changed(*self.pages_of(obj))
        self.log_change(request, obj, [{"changed": {"fields": reverted.fields}}])
        fields = get_text_list(reverted.fields, "and")
        done = f"Change #{record.history_id} reverted: {fields} set back."
        if reverted.overwritten:
            later = get_text_list(reverted.overwritten, "and")
            warning = f" A later change had changed {later} again; that later value is replaced."
            self.message_user(request, done + warning, messages.WARNING)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(back)

    def _revert_confirmation(
        self, request: HttpRequest, obj: Any, record: Any, back: str
    ) -> HttpResponse:
        preview = revert_preview(record=record)
        change = preview.change
        undoing = record.history_reverts is not None
        subject = f"the revert #{record.history_id}" if undoing else f"change #{record.history_id}"
        context = {
            **self.admin_site.each_context(request),
            "title": f"Undo {subject}?" if undoing else f"Revert {subject}?",
            "subtitle": str(obj),
            "opts": self.model._meta,
            "object": obj,
            "record": record,
            "when": change_time(change),
            "editor": change.editor or "an editor",
            "preview": preview,
            "undoing": undoing,
            "history_url": back,
        }
        return TemplateResponse(request, "admin/revert_change_confirmation.html", context)
