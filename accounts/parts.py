"""The viewer's own parts of every page's frame (core/personal.py)."""

from django.utils.html import format_html

from core.personal import Viewer, personal_part


@personal_part("accounts.nav")
def nav(viewer: Viewer, loaded: None) -> str:
    """The header's account links: the member's name and Sign out, or Sign in and Register."""
    return viewer.render("includes/_account_nav.html")


@personal_part("accounts.htmx_token")
def htmx_token(viewer: Viewer, loaded: None) -> str:
    """The form token htmx sends with members' requests; visitors' pages post nothing."""
    if not viewer.user.is_authenticated:
        return ""
    token = viewer.context["csrf_token"]
    return format_html(' data-hx-headers=\'{{"X-CSRFToken": "{}"}}\'', token)
