"""A comment's likes and the viewer's Like button, as HTML.

Made in Python rather than by a template: a page of comments fills in one for every comment
it shows, for every member who opens it (comments/parts.py), and a template costs ten times
as much each. The like view sends the same button back alone, for htmx to swap in place.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


def like_button(*, comment_id: int, author_id: str, count: int, liked: bool, viewer_id: int | None,
                csrf_token: str, error: str = "") -> SafeString:  # fmt: skip
    """Likes and, for a member other than the author (`viewer_id`), a form to like or unlike."""
    parts = [format_html('<div id="like-{}" class="comment-like">', comment_id)]
    if viewer_id is not None and author_id != str(viewer_id):
        url = reverse("comments:like", args=[comment_id])
        parts.append(format_html(
            '<form method="post" action="{url}" data-hx-post="{url}" data-hx-target="#like-{id}" '
            'data-hx-swap="outerHTML"><input type="hidden" name="csrfmiddlewaretoken" '
            'value="{token}"><input type="hidden" name="liked" value="{answer}"><button '
            'type="submit" class="btn btn-link btn-sm like-button" aria-pressed="{pressed}">'
            '<span aria-hidden="true">♥</span> {label}<span class="visually-hidden"> this '
            "comment</span></button></form>",
            url=url, id=comment_id, token=csrf_token, answer="no" if liked else "yes",
            pressed="true" if liked else "false", label="Liked" if liked else "Like",
        ))  # fmt: skip
    if count:
        parts.append(format_html(
            '<span class="text-body-secondary">{} like{}</span>', count, "" if count == 1 else "s"
        ))  # fmt: skip
    if error:
        parts.append(format_html('<span class="text-danger" role="alert">{}</span>', error))
    parts.append(mark_safe("</div>"))
    return mark_safe("".join(parts))
