"""The viewer's own parts of pages with comments (core/personal.py)."""

from django.urls import reverse
from django.utils.html import escape

from core.moderation import can_moderate
from core.personal import Plain, Viewer, personal_part, stand_in

from .forms import comment_form
from .like_button import LikeButtons
from .models import CommentLike
from .services import MODERATE_PERMISSION


@personal_part("comments.post_form")
def post_form(viewer: Viewer, loaded: None, content_type_id: str, object_id: str,
              episodes: str = "0") -> str:  # fmt: skip
    """The form for a new comment (on a title with `episodes`, it may say which one it is
    about); for visitors, where to sign in to post one."""
    if not viewer.user.is_authenticated:
        return viewer.render("comments/_guest_note.html")
    url = reverse(
        "comments:post", kwargs={"content_type_id": content_type_id, "object_id": object_id}
    )
    form = comment_form(episodes=int(episodes or 0))
    # The same form for everything with as many episodes, but for where it posts.
    context = {"form": form, "post_url": stand_in("post_url")}
    return viewer.render("comments/_post_form.html", context, kept=episodes,
                         then={stand_in("post_url"): escape(url)})  # fmt: skip


def _moderates(viewer: Viewer, args: list[tuple[str, ...]]) -> bool:
    return can_moderate(viewer.user, MODERATE_PERMISSION)


# Nothing, but for moderators, whom every comment concerns.
@personal_part("comments.moderation", load=_moderates, plain=Plain(
    render=lambda comment_id, state, author_id: "", at=(),
    picks=lambda viewer, moderator: None if moderator else (),
))  # fmt: skip
def moderation(viewer: Viewer, moderator: bool, comment_id: str, state: str, author_id: str) -> str:
    """Hide and Restore, for moderators, but not on their own comments (core/moderation.py)."""
    if not moderator or author_id == str(viewer.user.pk):
        return ""
    return viewer.render(
        "comments/_moderation.html", {"comment_id": int(comment_id), "state": state}
    )


def _liked(viewer: Viewer, args: list[tuple[str, ...]]) -> LikeButtons:
    """The viewer's Like buttons, knowing which of the page's comments they like: one query for
    all of them, and none when no comment shown has a like yet (each mark carries its
    comment's count)."""
    user = viewer.user
    if not user.is_authenticated:
        return LikeButtons(viewer_id=None, csrf_token="")
    ids = {int(words[0]) for words in args if words[2] not in ("", "0")}
    liked: set[int] = set()
    if ids:
        mine = CommentLike.objects.filter(user=user, comment_id__in=ids)
        liked = set(mine.values_list("comment_id", flat=True))
    return LikeButtons(viewer_id=user.pk, csrf_token=viewer.csrf_token, liked=liked)


def _liked_or_own(viewer: Viewer, buttons: LikeButtons) -> list[str]:
    """The comments the viewer likes, and their own (which show no Like), by their ids."""
    return [str(viewer.user.pk), *map(str, buttons.liked)]


# Like, not pressed, as every member but the author sees it before liking the comment.
@personal_part("comments.like", load=_liked, plain=Plain(
    render=lambda comment_id, author_id, count: LikeButtons.for_any_member().button(
        int(comment_id), author_id, int(count)
    ),
    at=(0, 1), picks=_liked_or_own,
))  # fmt: skip
def like(viewer: Viewer, buttons: LikeButtons, comment_id: str, author_id: str, count: str) -> str:
    """The comment's likes, and the viewer's Like (pressed when they like it)."""
    return buttons.button(int(comment_id), author_id, int(count))
