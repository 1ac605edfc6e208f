"""The daily e-mail digest of unread notifications, and its signed unsubscribe link.

The link carries the member's id signed with the site's key, without a time (an old mail's
link still works, and every mail carries the same link); it needs no sign-in, and a changed
character makes it worthless.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import User

from .models import Inbox, Notification

SALT = "social.digest.unsubscribe"
# A digest lists the newest of what is unread, and says how many more there are.
DIGEST_SHOWN = 20


def unsubscribe_url(user_id: int) -> str:
    token = signing.Signer(salt=SALT).sign_object(user_id)
    return settings.SITE_URL + reverse("social:unsubscribe", args=[token])


def unsubscribed_member(token: str) -> User:
    """The member an unsubscribe link was made for; BadSignature for any other link."""
    user_id = signing.Signer(salt=SALT).unsign_object(token)
    member = (
        get_user_model().objects.filter(pk=user_id).first() if isinstance(user_id, int) else None
    )
    if member is None:
        raise signing.BadSignature("no such member")
    return member


def digest_send(user_id: int) -> bool:
    """Mail the member what came since their last digest and is still unread; False when
    there is nothing to tell (or the digest was turned off).

    What it tells is marked as told and committed first, then the mail goes: the member's
    inbox is never locked while a mail server answers. A send that fails unmarks it."""
    with transaction.atomic():
        mail, previous, until = _prepare(user_id)
    if mail is None:
        return False
    try:
        mail.send()
    except Exception:
        Inbox.objects.filter(user_id=user_id, digest_sent_until=until).update(
            digest_sent_until=previous
        )
        raise
    return True


def _prepare(
    user_id: int,
) -> tuple[EmailMultiAlternatives | None, datetime | None, datetime | None]:
    locked = Inbox.objects.select_for_update(of=("self",)).select_related("user")
    inbox = locked.filter(user_id=user_id).first()
    if inbox is None or not inbox.digest or not inbox.user.email or not inbox.user.is_active:
        return None, None, None
    unread = Notification.objects.for_member(user_id).unread().select_related("actor")
    if inbox.digest_sent_until is not None:
        unread = unread.filter(created_at__gt=inbox.digest_sent_until)
    shown = list(unread[: DIGEST_SHOWN + 1])
    if not shown:
        return None, None, None
    link = unsubscribe_url(user_id)
    context = {
        "member": inbox.user,
        "shown": shown[:DIGEST_SHOWN],
        "more": len(shown) > DIGEST_SHOWN,
        "site": settings.SITE_URL,
        "unsubscribe": link,
        "all": settings.SITE_URL + reverse("social:notifications"),
    }
    mail = EmailMultiAlternatives(
        subject=render_to_string("social/digest_subject.txt", context).strip(),
        body=render_to_string("social/digest_email.txt", context),
        to=[inbox.user.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    previous = inbox.digest_sent_until
    inbox.digest_sent_until = shown[0].created_at
    inbox.save(update_fields=["digest_sent_until"])
    return mail, previous, inbox.digest_sent_until


def members_due() -> list[int]:
    """The members whose digest is on and who have something unread."""
    due = Inbox.objects.filter(digest=True, unread__gt=0).order_by("user_id")
    return list(due.values_list("user_id", flat=True))
