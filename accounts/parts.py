"""The viewer's own parts of every page's frame (core/personal.py)."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.http import sign_in_url
from core.personal import Viewer, personal_part


@personal_part("accounts.nav")
def nav(viewer: Viewer, loaded: None) -> SafeString:
    """The header's account links: the member's name and Sign out, or Sign in and Register.
    Every member's page shows them, so they are written here rather than through a template
    (measured: a fifth of the cost)."""
    user, here = viewer.user, viewer.request.get_full_path()
    if not user.is_authenticated:
        return format_html(
            '<li class="nav-item"><a class="nav-link" href="{}">Sign in</a></li>'
            '<li class="nav-item"><a class="nav-link" href="{}">Register</a></li>',
            sign_in_url(here), reverse("accounts:signup"),
        )  # fmt: skip
    admin = (
        format_html(
            '<li class="nav-item"><a class="nav-link" href="{}">Admin</a></li>',
            reverse("admin:index"),
        )
        if user.is_staff
        else SafeString()
    )
    return format_html(
        '{}<li class="nav-item"><a class="nav-link" href="{}">{}</a></li>'
        '<li class="nav-item"><form method="post" action="{}">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="next" value="{}">'
        '<button type="submit" class="btn btn-link nav-link">Sign out</button></form></li>',
        admin, user.get_absolute_url(), user.username, reverse("accounts:logout"),
        viewer.csrf_token, here,
    )  # fmt: skip


@personal_part("accounts.viewer_is")
def viewer_is(viewer: Viewer, loaded: None, user_id: str, *, content: str) -> str:
    """A block shown to one member only, such as the Edit and Delete links of their review."""
    return content if user_id and viewer.user.pk == int(user_id) else ""


@personal_part("accounts.htmx_token")
def htmx_token(viewer: Viewer, loaded: None) -> str:
    """The form token htmx sends with members' requests; visitors' pages post nothing."""
    if not viewer.user.is_authenticated:
        return ""
    return format_html(' data-hx-headers=\'{{"X-CSRFToken": "{}"}}\'', viewer.csrf_token)
