"""The viewer's own parts of pages that show titles and people (core/personal.py)."""

from __future__ import annotations

from accounts.models import User
from core.personal import ID_STAND_IN, Viewer, personal_part

from .selectors import FavoriteState, favored_by, favorite_state, list_names


def _state(viewer: Viewer, args: list[tuple[str, ...]]) -> FavoriteState:
    """The viewer's favorites among the marks, and the counts that the marks do not carry."""
    wanted = [(words[0], int(words[1])) for words in args]
    counted = all(len(words) > 2 for words in args if words[0] == "title")
    user = viewer.user
    favored = viewer.remembered("favorites", lambda: favored_by(user))
    return favorite_state(wanted, favored, count_titles=not counted)


@personal_part("favorite_button", load=_state)
def favorite_button(viewer: Viewer, state: FavoriteState, kind: str, pk: str,
                    count: str = "") -> str:  # fmt: skip
    """How many members favor a title or person (`count` when the page read it), and the
    member's own Favorite button."""
    context = favorite_context(state, kind, int(pk), int(count) if count else None)
    # One markup for every title (or person) with as many favorites, its id a stand-in.
    kept = (context["kind"], context["favored"], context["count"])
    context["pk"] = ID_STAND_IN
    return viewer.render("lists/_favorite.html", context, kept=kept,
                         then={str(ID_STAND_IN): pk})  # fmt: skip


def favorite_context(state: FavoriteState, kind: str, pk: int, count: int | None = None) -> dict:
    """What lists/_favorite.html shows: the count (`count` when the page read it) and whether
    the viewer favors the title or person."""
    key = (kind, pk)
    return {"kind": kind, "pk": pk, "favored": key in state.mine,
            "count": state.counts.get(key, 0) if count is None else count}  # fmt: skip


@personal_part("add_to_list")
def add_to_list(viewer: Viewer, loaded: None, title_id: str) -> str:
    """For members, a form that puts the title on one of their lists (or makes a first one)."""
    user = viewer.user
    if not isinstance(user, User):
        return ""
    lists = viewer.remembered("list_names", lambda: list_names(user))
    context = {"lists": lists, "title_id": ID_STAND_IN}
    return viewer.render("lists/_add_to_list.html", context, kept=lists,
                         then={str(ID_STAND_IN): title_id})  # fmt: skip
