"""The moderators' own part of every page's frame (core/personal.py)."""

from accounts.models import User
from core.moderation import can_moderate
from core.personal import Plain, Viewer, personal_part

from .selectors import open_reports_by
from .services import MODERATE_PERMISSION


@personal_part("queue_link")
def queue_link(viewer: Viewer, loaded: None) -> str:
    """The header's link to the moderation queue, for moderators only."""
    if not can_moderate(viewer.user, MODERATE_PERMISSION):
        return ""
    return viewer.render("moderation/_queue_link.html")


def _reported_by_viewer(viewer: Viewer, args: list[tuple[str, ...]]) -> frozenset[tuple[str, int]]:
    """What the viewer has an open report of, kept for them (`Viewer.remembered`): pages
    with Report links then ask nothing; none for visitors."""
    user = viewer.user
    if not isinstance(user, User):
        return frozenset()
    return viewer.remembered("open_reports", lambda: open_reports_by(user))


def _reported_ids(viewer: Viewer, reported: frozenset[tuple[str, int]]) -> list[str]:
    return [str(pk) for _, pk in reported]


# The Report link, but for what the member has reported.
@personal_part("report_link", load=_reported_by_viewer, plain=Plain(
    render=lambda kind, pk, content: content, at=(1,), picks=_reported_ids,
))  # fmt: skip
def report_link(viewer: Viewer, reported: frozenset[tuple[str, int]], kind: str, pk: str, *,
                content: str) -> str:  # fmt: skip
    """A Report link (`content`), or "Reported" for the member whose report of it is open."""
    if (kind, int(pk)) not in reported:
        return content
    return viewer.render("moderation/_reported.html", {"kind": kind, "pk": pk})
