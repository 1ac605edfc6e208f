"""Who a text mentions (`@name`, core/markup.py), and refusing mentions of members who block
the writer."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from accounts.models import User
from core.markup import mentioned

from .selectors import blocked_among


def mentioned_members(text: str, writer: User) -> dict[int, str]:
    """The members `text` mentions, id to name (unknown names are just text). Raises
    ValidationError when one of them blocks `writer`."""
    names = mentioned(text)
    if not names:
        return {}
    found = dict(get_user_model().objects.filter(username__in=names, is_active=True)
                 .values_list("pk", "username"))  # fmt: skip
    blocking = blocked_among(found, writer.pk)
    if blocking:
        name = found[min(blocking)]
        raise ValidationError(f"@{name} does not accept mentions from you. Take the mention out "
                              "to post.", code="blocked_mention")  # fmt: skip
    found.pop(writer.pk, None)
    return found


def check_may_reply(writer: User, to: dict[int | None, str]) -> None:
    """Refuse a reply, or a comment on their review, to a member (of `to`: id to name) who
    blocks the writer: the one replied to, the thread's starter, the review's writer."""
    blocking = blocked_among({pk for pk in to if pk is not None}, writer.pk)
    if blocking:
        raise ValidationError(f"{to[min(blocking)]} does not accept replies from you.",
                              code="blocked_reply")  # fmt: skip
