"""The moderators' own part of every page's frame (core/personal.py)."""

from core.moderation import can_moderate
from core.personal import Viewer, personal_part

from .selectors import open_reports_of
from .services import MODERATE_PERMISSION


@personal_part("queue_link")
def queue_link(viewer: Viewer, loaded: None) -> str:
    """The header's link to the moderation queue, for moderators only."""
    if not can_moderate(viewer.user, MODERATE_PERMISSION):
        return ""
    return viewer.render("moderation/_queue_link.html")


def _reported_by_viewer(viewer: Viewer, args: list[tuple[str, ...]]) -> set[tuple[str, int]]:
    """The items among the page's Report links that the viewer has an open report of: one
    query for the whole page, none for visitors."""
    if not viewer.user.is_authenticated:
        return set()
    return open_reports_of(viewer.user, [(kind, int(pk)) for kind, pk in args])


@personal_part("report_link", load=_reported_by_viewer)
def report_link(viewer: Viewer, reported: set[tuple[str, int]], kind: str, pk: str, *,
                content: str) -> str:  # fmt: skip
    """A Report link (`content`), or "Reported" for the member whose report of it is open."""
    if (kind, int(pk)) not in reported:
        return content
    return viewer.render("moderation/_reported.html", {"kind": kind, "pk": pk})
