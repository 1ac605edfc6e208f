"""A comment's likes and the viewer's Like button, as HTML.

Made in Python rather than by a template: a page of comments fills in one for every comment
it shows, for every member who opens it (comments/parts.py), and a template costs ten times
as much each. The like view sends the same button back alone, for htmx to swap in place.
Every value but the refusal's words is a number or a form token, which need no escaping.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.personal import stand_in

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


# Where a comment's id goes in a viewer's form (`LikeButtons`): no escaped text holds "<".
_ID = "<id>"
# A viewer's id that is no member's, for the buttons as any member sees them.
NOBODY = 0


class LikeButtons:
    """The Like buttons of one viewer's page: the form as it stands for this viewer and token,
    liked and not, is made once, cut where the comment's id goes; each button joins the pieces
    with its id."""

    __slots__ = ("_forms", "_liked", "_viewer")

    def __init__(self, *, viewer_id: int | None, csrf_token: str,
                 liked: Collection[int] = ()) -> None:  # fmt: skip
        self._viewer = None if viewer_id is None else str(viewer_id)
        self._liked = liked
        url = _like_url().format(_ID)
        self._forms = {
            pressed: BUTTON.format(url=url, id=_ID, token=escape(csrf_token),
                                   answer="no" if pressed else "yes",
                                   pressed="true" if pressed else "false",
                                   label="Liked" if pressed else "Like").split(_ID)
            for pressed in (False, True)
        }  # fmt: skip

    @staticmethod
    @cache
    def for_any_member() -> LikeButtons:
        """The buttons as a member who likes none of the comments and wrote none of them
        sees them, with the form token's stand-in (core/personal.py `Plain`)."""
        return LikeButtons(viewer_id=NOBODY, csrf_token=stand_in())

    @property
    def liked(self) -> Collection[int]:
        """The ids of the comments the viewer likes."""
        return self._liked

    def button(self, comment_id: int, author_id: str, count: int, error: str = "") -> str:
        """Likes and, for a member other than the author, a form to like or unlike."""
        html = f'<div id="like-{comment_id}" class="comment-like">'
        if self._viewer is not None and author_id != self._viewer:
            html += str(comment_id).join(self._forms[comment_id in self._liked])
        if count:
            likes = f"{count} like{'' if count == 1 else 's'}"
            html += f'<span class="text-body-secondary">{likes}</span>'
        if error:
            html += f'<span class="text-danger" role="alert">{escape(error)}</span>'
        return html + "</div>"


def like_button(*, comment_id: int, author_id: str, count: int, liked: bool, viewer_id: int | None,
                csrf_token: str, error: str = "") -> SafeString:  # fmt: skip
    """Likes and, for a member other than the author (`viewer_id`), a form to like or unlike."""
    comment_id = int(comment_id)
    buttons = LikeButtons(viewer_id=viewer_id, csrf_token=csrf_token,
                          liked={comment_id} if liked else ())  # fmt: skip
    return mark_safe(buttons.button(comment_id, author_id, int(count), error))
