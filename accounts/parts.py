"""The viewer's own parts of every page's frame (core/personal.py)."""

from django.utils.html import escape

from core.personal import Plain, Viewer, personal_part, stand_in


@personal_part("accounts.nav")
def nav(viewer: Viewer, loaded: None, where: str = "bar") -> str:
    """The header's account part, in its bar or in the phone menu (`where`): a member's menu of
    their own pages and Sign out, or Sign in and Register."""
    here, user = viewer.request.get_full_path(), viewer.user
    if not user.is_authenticated:  # Sign in comes back here, by an address in a query
        return viewer.render("accounts/_nav.html", {"where": where, "here": here},
                             kept=(where, here))  # fmt: skip
    # A member's menu is the same on every page but for where Sign out comes back to.
    context = {"where": where, "here": stand_in("here")}
    kept = (where, user.get_username(), user.is_staff)
    return viewer.render("accounts/_nav.html", context, kept=kept,
                         then={stand_in("here"): escape(here)})  # fmt: skip


def _viewers_own(viewer: Viewer, loaded: None) -> tuple[str]:
    return (str(viewer.user.pk),)


# Hidden from every member but the one it names.
@personal_part("accounts.viewer_is", plain=Plain(
    render=lambda user_id, content: "", at=(0,), picks=_viewers_own,
))  # fmt: skip
def viewer_is(viewer: Viewer, loaded: None, user_id: str, *, content: str) -> str:
    """A block shown to one member only, such as the Edit and Delete links of their review."""
    return content if user_id and viewer.user.pk == int(user_id) else ""


@personal_part("accounts.htmx_token")
def htmx_token(viewer: Viewer, loaded: None) -> str:
    """The form token htmx sends with members' requests; visitors' pages post nothing."""
    if not viewer.user.is_authenticated:
        return ""
    return viewer.render("accounts/_htmx_token.html", kept="htmx_token")
