"""The viewer's own parts of every page's frame (core/personal.py): the bell."""

from core.personal import Viewer, personal_part

from .selectors import unread_count


@personal_part("social.bell")
def bell(viewer: Viewer, loaded: None) -> str:
    """The header's bell with the member's unread count; nothing for a visitor."""
    if not viewer.user.is_authenticated:
        return ""
    return viewer.render("social/_bell.html", {"unread": unread_count(viewer.user)})
