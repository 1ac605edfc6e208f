"""The member's notifications and their settings, the digest's unsubscribe link, and the
Follow and Block buttons of profiles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.members import signed_in_member
from core.http import sign_in_required
from core.metadata import not_indexed

from . import selectors, services
from .digest import unsubscribed_member
from .forms import PreferencesForm
from .models import Kind

NOTIFICATIONS_PER_PAGE = 30


@not_indexed
@sign_in_required
@cache_control(private=True, no_store=True)
def notifications(request: HttpRequest) -> HttpResponse:
    user = signed_in_member(request)
    page = selectors.notifications_page(user, request.GET.get("page"), NOTIFICATIONS_PER_PAGE)
    context = {"page": page, "unread": selectors.unread_count(user)}
    return render(request, "social/notifications.html", context)


@not_indexed
@sign_in_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification to what it is about, marking it read on the way."""
    notification = services.notification_open(user=signed_in_member(request), notification_id=pk)
    if notification is None:
        messages.error(request, "That notification is not one of yours, or no longer exists.")
        return redirect("social:notifications")
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("social:notifications")
    return redirect(notification.url)


@require_POST
@sign_in_required
def read_all(request: HttpRequest) -> HttpResponse:
    marked = services.notifications_read_all(user=signed_in_member(request))
    if marked:
        messages.success(
            request, f"{marked:,} notification{'s' if marked != 1 else ''} marked read."
        )
    return redirect("social:notifications")


@not_indexed
@sign_in_required
@cache_control(private=True, no_store=True)
def preferences(request: HttpRequest) -> HttpResponse:
    user = signed_in_member(request)
    inbox = selectors.inbox_of(user)
    initial = {"kinds": [k for k in Kind.values if k not in inbox.muted], "digest": inbox.digest}
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        kept = set(form.cleaned_data["kinds"])
        services.preferences_save(user=user, muted=[k for k in Kind.values if k not in kept],
                                  digest=form.cleaned_data["digest"])  # fmt: skip
        messages.success(request, "Your notification settings are saved.")
        return redirect("social:preferences")
    return render(request, "social/preferences.html", {"form": form},
                  status=422 if form.errors else 200)  # fmt: skip


@not_indexed
@csrf_exempt  # the signature is the key; mail programs post here without a form token
@cache_control(private=True, no_store=True)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The digest's one-click unsubscribe: works signed out; a POST (the button, or a mail
    program's List-Unsubscribe-Post) stops the digest."""
    try:
        member = unsubscribed_member(token)
    except signing.BadSignature:
        return render(request, "social/unsubscribe.html", {"refused": True}, status=400)
    done = request.method == "POST"
    if done:
        services.digest_stop(user_id=member.pk)
    return render(request, "social/unsubscribe.html", {"member": member, "done": done})


def _member(username: str):
    return get_object_or_404(get_user_model(), username=username, is_active=True)


@require_POST
@sign_in_required
def follow(request: HttpRequest, username: str) -> HttpResponse:
    user, member = signed_in_member(request), _member(username)
    try:
        if request.POST.get("follow") == "no":
            services.unfollow(follower=user, followed=member)
            messages.success(request, f"You no longer follow {member.username}.")
        else:
            services.follow(follower=user, followed=member)
            messages.success(
                request, f"You follow {member.username}: their doings are in your feed."
            )
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    return redirect(member)


@require_POST
@sign_in_required
def block(request: HttpRequest, username: str) -> HttpResponse:
    user, member = signed_in_member(request), _member(username)
    try:
        if request.POST.get("block") == "no":
            services.unblock(blocker=user, blocked=member)
            messages.success(request, f"You no longer block {member.username}.")
        else:
            services.block(blocker=user, blocked=member)
            messages.success(request, f"You block {member.username}: they can no longer reply to "
                             "you, mention you, follow you or see your activity.")  # fmt: skip
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    return redirect(member)
