"""Reporting an item, and the moderation queue (for the Moderators group)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.members import signed_in_member
from core.http import form_status, safe_next, sign_in_required
from core.metadata import not_indexed
from core.throttle import throttle_form

from . import selectors, services
from .forms import ActionForm, ReportForm
from .kinds import Item
from .models import Action

RECEIVED = "Thank you. Your report was received, and a moderator will look at it."


def _item_or_404(kind: str, pk: int) -> Item:
    item = services.find_item(kind, pk)
    if item is None:
        raise Http404("There is nothing to report here.")
    return item


@not_indexed
@sign_in_required
def report(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Report an item to the moderators: a reason from a short list and an optional note."""
    item = _item_or_404(kind, pk)
    if not item.public:
        # Hidden and suspended things are not shown, not even here.
        raise Http404("There is nothing to report here.")
    reporter = signed_in_member(request)
    form = ReportForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and not throttle_form(request, form, group="report", rate=settings.REPORT_RATE)
    ):
        try:
            services.report_submit(reporter=reporter, item=item, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, RECEIVED)
            return redirect(safe_next(request, item.url))
    context = {"item": item, "form": form, "next": safe_next(request, item.url)}
    return render(request, "moderation/report_form.html", context, status=form_status(form))


@not_indexed
@sign_in_required
def queue(request: HttpRequest) -> HttpResponse:
    services.check_may_moderate(request.user)
    page = selectors.queue_page(request.GET.get("page"))
    return render(request, "moderation/queue.html", {"page": page})


@not_indexed
@sign_in_required
def item_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    services.check_may_moderate(request.user)
    item = _item_or_404(kind, pk)
    services.check_may_moderate(request.user, item)
    return _item_page(request, item, ActionForm())


def _item_page(request: HttpRequest, item: Item, form: ActionForm) -> HttpResponse:
    context = {
        "item": item,
        "form": form,
        "reports": selectors.item_reports(item),
        "history": selectors.item_history(item),
        "author_actions": selectors.author_recent_actions(item.author),
        "record": selectors.author_records([item.author.pk]).get(item.author.pk)
        if item.author
        else None,
    }
    return render(request, "moderation/item.html", context, status=form_status(form))


@sign_in_required
@require_POST
def item_act(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    services.check_may_moderate(request.user)
    moderator = signed_in_member(request)
    item = services.find_item(kind, pk)
    form = ActionForm(request.POST)
    if item is None:
        if not form.is_valid() or form.cleaned_data["verb"] != Action.Verb.DISMISS:
            raise Http404("This no longer exists; its reports can only be dismissed.")
        services.dismiss_gone(moderator=moderator, kind=kind, object_id=pk)
        messages.success(request, "The reports of an item that no longer exists are dismissed.")
        return redirect(reverse("moderation:queue"))
    if form.is_valid():
        try:
            services.act(moderator=moderator, item=item, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            done = Action.Verb(form.cleaned_data["verb"]).label
            messages.success(request, f"{done}: {item.heading}.")
            return redirect(reverse("moderation:queue"))
    return _item_page(request, item, form)
