"""The viewer's own parts of catalogue pages (core/personal.py)."""

from core.personal import Viewer, personal_part


@personal_part("titles.add_cast")
def add_cast(viewer: Viewer, loaded: None, title_id: str) -> str:
    """The title page's "Add Cast", for editors of the catalogue."""
    if not viewer.user.has_perm("titles.add_credit"):
        return ""
    return viewer.render("titles/_add_cast.html", {"title_id": int(title_id)})
