"""The moderators' own part of every page's frame (core/personal.py)."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.moderation import can_moderate
from core.personal import Viewer, personal_part

from .services import MODERATE_PERMISSION


@personal_part("moderation.queue_link")
def queue_link(viewer: Viewer, loaded: None) -> SafeString:
    """The header's link to the moderation queue, for moderators only."""
    if not can_moderate(viewer.user, MODERATE_PERMISSION):
        return SafeString()
    return format_html(
        '<li class="nav-item"><a class="nav-link" href="{}">Moderation</a></li>',
        reverse("moderation:queue"),
    )
