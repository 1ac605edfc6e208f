"""A comment's likes and the viewer's Like button, as HTML.

Made in Python rather than by a template: a page of comments fills in one for every comment
it shows, for every member who opens it (comments/parts.py), and a template costs ten times
as much each. The like view sends the same button back alone, for htmx to swap in place.
Every value but the refusal's words is a number or a form token, which need no escaping.
"""

from __future__ import annotations

from functools import cache

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BUTTON = (
    '<form method="post" action="{url}" data-hx-post="{url}" data-hx-target="#like-{id}" '
    'data-hx-swap="outerHTML"><input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    '<input type="hidden" name="liked" value="{answer}"><button type="submit" '
    'class="btn btn-link btn-sm like-button" aria-pressed="{pressed}"><span aria-hidden="true">'
    '♥</span> {label}<span class="visually-hidden"> this comment</span></button></form>'
)


@cache
def _like_url() -> str:
    """The like address with `{}` for the comment's id: reversed once, not per button."""
    return reverse("comments:like", args=[987654321]).replace("987654321", "{}")


def like_button(*, comment_id: int, author_id: str, count: int, liked: bool, viewer_id: int | None,
                csrf_token: str, error: str = "") -> SafeString:  # fmt: skip
    """Likes and, for a member other than the author (`viewer_id`), a form to like or unlike."""
    comment_id, count = int(comment_id), int(count)
    html = f'<div id="like-{comment_id}" class="comment-like">'
    if viewer_id is not None and author_id != str(viewer_id):
        html += BUTTON.format(
            url=_like_url().format(comment_id), id=comment_id, token=escape(csrf_token),
            answer="no" if liked else "yes", pressed="true" if liked else "false",
            label="Liked" if liked else "Like",
        )  # fmt: skip
    if count:
        html += f'<span class="text-body-secondary">{count} like{"" if count == 1 else "s"}</span>'
    if error:
        html += f'<span class="text-danger" role="alert">{escape(error)}</span>'
    return mark_safe(html + "</div>")
