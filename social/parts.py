"""The viewer's own parts of every page's frame (core/personal.py): the bell."""

from core.personal import Viewer, personal_part

from .selectors import unread_count


@personal_part("social.bell", live=True)
def bell(viewer: Viewer, loaded: None) -> str:
    """The header's bell with the member's unread count; nothing for a visitor. Live: others'
    writes change the count, so it is filled on every request (core/personal.py)."""
    if not viewer.user.is_authenticated:
        return ""
    unread = unread_count(viewer.user)
    return viewer.render("social/_bell.html", {"unread": unread}, kept=unread)
