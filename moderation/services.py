"""Writes of the moderation app: reporting an item, and what moderators do about reports.

Hiding and restoring go through each item's own app (`kinds.py`), in the same transaction as
the record of the action and the closing of the item's reports.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from core import moderation
from core.versions import member_version, pages_changed
from social.models import Kind as NoticeKind
from social.services import notify

from .kinds import KINDS, Item, load_items
from .models import ALREADY_REPORTED, Action, Report

MODERATE_PERMISSION = "moderation.change_report"


def find_item(kind: str, pk: int) -> Item | None:
    if kind not in KINDS:
        return None
    return load_items([(kind, pk)]).get((kind, pk))


def report_submit(*, reporter: User, item: Item, reason: str, note: str = "") -> Report:
    """Record `reporter`'s report of `item`: one open report per member and item."""
    if item.author is not None and item.author.pk == reporter.pk:
        raise ValidationError("You cannot report what you wrote yourself.", code="own_item")
    if not item.public:
        raise ValidationError("A moderator has already dealt with this.", code="not_public")
    report = Report(
        reporter=reporter,
        kind=item.kind,
        object_id=item.pk,
        author=item.author,
        reason=reason,
        note=note.strip(),
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as clash:
        if "report_one_open_per_member_and_item" in str(clash):
            raise ValidationError(ALREADY_REPORTED, code="already_reported") from clash
        raise
    pages_changed(member_version(reporter.pk))  # their Report link says "Reported"
    return report


def check_may_moderate(moderator: User | AnonymousUser, item: Item | None = None) -> None:
    """Moderators act on anything but what they wrote themselves, which another decides (the
    rule of every hide and restore: core/moderation.py)."""
    author_id = item.author.pk if item is not None and item.author is not None else None
    moderation.check_may_moderate(moderator, MODERATE_PERMISSION, author_id=author_id,
                                  refused="Only moderators can act on reports.")  # fmt: skip


@transaction.atomic
def act(*, moderator: User, item: Item, verb: str, note: str = "") -> None:
    """Hide, restore or dismiss `item`, or suspend its author, with `note` on the record.

    Hiding needs a note: the author is told it. The item's app hides and restores it and
    announces that (core/moderation.py), so `record` writes those down wherever they are made;
    dismissing and suspending are written down here.
    """
    check_may_moderate(moderator, item)
    note = note.strip()
    ops = KINDS[item.kind]
    if verb in (Action.Verb.HIDE, Action.Verb.SUSPEND) and not note:
        raise ValidationError("Say why: it is recorded, and a hidden item's author is told.",
                              code="no_reason")  # fmt: skip
    if verb == Action.Verb.HIDE:
        if ops.hide is None or not item.can_hide:
            raise ValidationError("This cannot be hidden.", code="not_hideable")
        ops.hide(item.pk, moderator, note)
        return
    if verb == Action.Verb.RESTORE:
        if ops.restore is None or not item.can_restore:
            raise ValidationError("Only a hidden item can be restored.", code="not_hidden")
        ops.restore(item.pk, moderator)
        return
    if verb in (Action.Verb.SUSPEND, Action.Verb.REINSTATE):
        if item.author is None:
            raise ValidationError("The author's account is closed.", code="no_author")
        _set_suspended(item.author, suspended=verb == Action.Verb.SUSPEND)
    elif verb == Action.Verb.DISMISS:
        _close_reports(item.kind, item.pk, moderator, Report.State.DISMISSED)
    else:
        raise ValidationError("Choose what to do.", code="no_verb")
    Action.objects.create(moderator=moderator, kind=item.kind, object_id=item.pk,
                          author=item.author, verb=verb, note=note)  # fmt: skip


@transaction.atomic
def dismiss_gone(*, moderator: User, kind: str, object_id: int) -> None:
    """Close the reports of an item that no longer exists (its author deleted it)."""
    check_may_moderate(moderator)
    _close_reports(kind, object_id, moderator, Report.State.DISMISSED)
    Action.objects.create(moderator=moderator, kind=kind, object_id=object_id,
                          verb=Action.Verb.DISMISS, note="The item no longer exists.")  # fmt: skip


def record(*, kind: str, object_id: int, author_id: int | None, moderator: User, verb: str,
           note: str, **signal: object) -> None:  # fmt: skip
    """Write down a hide or restore that an app made, from the queue, its pages or the admin
    (core/moderation.py's `moderated`), in the same transaction; a hide closes the item's
    reports."""
    Action.objects.create(moderator=moderator, kind=kind, object_id=object_id,
                          author_id=author_id, verb=verb, note=note)  # fmt: skip
    if verb == Action.Verb.HIDE:
        _close_reports(kind, object_id, moderator, Report.State.ACTED_ON)
        _tell_author(kind, object_id, author_id, note)


def _tell_author(kind: str, object_id: int, author_id: int | None, note: str) -> None:
    """The author hears that a moderator hid what they wrote, and why."""
    item = KINDS[kind].load([object_id]).get(object_id)
    if item is None or author_id is None:
        return
    what = item.kind_label.lower()
    notify(recipient_ids=[author_id], kind=NoticeKind.MODERATED, url=item.url,
           text=f"A moderator hid your {what}. Why: {note}", quote=item.heading)  # fmt: skip


def _close_reports(kind: str, object_id: int, moderator: User, state: str) -> None:
    """Close the item's open reports; their reporters' Report links show again."""
    reports = Report.objects.filter(kind=kind, object_id=object_id, state=Report.State.OPEN)
    found = dict(reports.values_list("pk", "reporter_id"))
    # Exactly those read: a report made meanwhile stays open, and its reporter's version with it.
    Report.objects.filter(pk__in=found).update(
        state=state, resolved_by=moderator, resolved_at=timezone.now()
    )
    pages_changed(*[member_version(pk) for pk in found.values()])


def _set_suspended(member: User, *, suspended: bool) -> None:
    """A suspended member cannot sign in, and their open sessions end at once (the
    authentication backend reads `is_active` on every request); what they wrote stays."""
    if (
        member.is_staff
        or member.is_superuser
        or moderation.can_moderate(member, MODERATE_PERMISSION)
    ):
        raise ValidationError("Staff and moderators are not suspended here; ask an administrator.",
                              code="staff")  # fmt: skip
    if member.is_active == (not suspended):
        state = "suspended" if suspended else "not suspended"
        raise ValidationError(f"This member is already {state}.", code="unchanged")
    member.is_active = not suspended
    member.save(update_fields=["is_active"])
