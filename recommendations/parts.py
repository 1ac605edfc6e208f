"""The viewer's own parts of pages that show recommendations (core/personal.py)."""

from __future__ import annotations

from core.personal import Viewer, personal_part
from recommendations import selectors
from recommendations.models import Recommendation


def _states(viewer: Viewer, args: list[tuple[str, ...]]) -> dict[int, tuple[bool, bool]]:
    return selectors.vote_states(viewer.user, [int(words[0]) for words in args])


@personal_part("recommendations.vote", load=_states)
def vote(viewer: Viewer, states: dict[int, tuple[bool, bool]], rec_id: str, votes: str) -> str:
    """The vote button of one recommendation, pressed or not; a sign-in link for visitors."""
    voted, yours = states.get(int(rec_id), (False, False))
    context = {
        "recommendation": Recommendation(pk=int(rec_id), votes_count=int(votes)),
        "voted": voted,
        "yours": yours,
        "next_path": viewer.request.get_full_path(),
    }
    kept = (rec_id, votes, voted, yours, context["next_path"])
    return viewer.render("recommendations/_vote.html", context, kept=kept)
