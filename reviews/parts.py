"""The viewer's own parts of pages that show titles and reviews (core/personal.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.functional import SimpleLazyObject
from django.utils.html import escape

from core.personal import ID_STAND_IN, Viewer, personal_part, stand_in
from reviews import selectors
from reviews.forms import QuickEntryForm
from reviews.models import ListEntry, Review
from titles.models import Title

# The home page's "Continue watching" row: at most this many titles.
CONTINUE_WATCHING_SHOWN = 6


def _state(viewer: Viewer, args: Any = None) -> selectors.MemberState:
    """The viewer's entries and votes for everything this app's parts show on the page: one
    query for "Your Rating", "Write a Review" and every review's Yes and No."""

    def ids(*names: str) -> list[int]:
        return sorted({int(words[0]) for name in names for words in viewer.marks.get(name, [])})

    return viewer.once("reviews", lambda: selectors.member_state(
        viewer.user,
        title_ids=ids("reviews.your_entry", "reviews.write_link", "episode_fold"),
        review_ids=ids("reviews.helpful"),
    ))  # fmt: skip


def _entries(viewer: Viewer, args: Any) -> dict[int, ListEntry]:
    return _state(viewer).entries


def _votes(viewer: Viewer, args: Any) -> dict[int, bool]:
    return _state(viewer).votes


@personal_part("reviews.your_entry", load=_entries)
def your_entry(viewer: Viewer, entries: dict[int, ListEntry], title_id: str, slug: str,
               episodes: str = "", year: str = "", aired_from: str = "",
               aired_to: str = "") -> str:  # fmt: skip
    """ "Your Rating" and list status of the title page: a form for members. The title's
    episodes and dates say what the form offers (only planning before it airs)."""
    title = Title(
        pk=int(title_id),
        slug=slug,
        episodes=int(episodes) if episodes else None,
        year=int(year) if year else None,
        aired_from=date.fromisoformat(aired_from) if aired_from else None,
        aired_to=date.fromisoformat(aired_to) if aired_to else None,
    )
    entry = entries.get(title.pk)
    shown = entry and (entry.status, entry.score, entry.episodes_seen)
    # The markup is kept for what the form offers (the title's status: whether it has aired,
    # by today's date) and the member's entry, whatever the title: its id is a stand-in.
    kept = (title.status, episodes, shown, "" if viewer.user.is_authenticated else slug)
    title.pk = ID_STAND_IN
    if entry is not None:
        entry.title = title
    form = None
    if viewer.user.is_authenticated:  # made only when the markup is not kept already
        form = SimpleLazyObject(lambda: QuickEntryForm(instance=entry or ListEntry(title=title)))
    context = {"title": title, "entry": entry, "form": form}
    return viewer.render("reviews/_your_entry.html", context, kept=kept,
                         then={str(ID_STAND_IN): title_id})  # fmt: skip


@personal_part("reviews.write_link", load=_entries)
def write_link(viewer: Viewer, entries: dict[int, ListEntry], title_id: str) -> str:
    """Write a Review, or Edit your review once the member has written one."""
    entry = entries.get(int(title_id))
    # One markup for every title, its id a stand-in.
    context = {"title_id": ID_STAND_IN, "own_review_id": entry and entry.review_id}
    return viewer.render("reviews/_write_link.html", context, kept=(context["own_review_id"],),
                         then={str(ID_STAND_IN): title_id})  # fmt: skip


@personal_part("reviews.helpful", load=_votes)
def helpful(viewer: Viewer, votes: dict[int, bool], review_id: str, author_id: str,
            yes: str, total: str) -> str:  # fmt: skip
    """ "N of M people found this review helpful" and the viewer's Yes and No."""
    review = Review(pk=int(review_id), user_id=int(author_id), helpful_yes=int(yes),
                    helpful_total=int(total))  # fmt: skip
    review.my_vote = votes.get(review.pk)
    here = viewer.request.get_full_path()
    if not viewer.user.is_authenticated:  # Sign in comes back here, by an address in a query
        context = {"review": review, "next_path": here}
        return viewer.render("reviews/_helpful.html", context, kept=(review_id, yes, total, here))
    # A member's votes come back to this page: one markup for every review and page with the
    # same counts and vote, the review's id and the address stand-ins.
    own = viewer.user.pk == review.user_id
    kept = (yes, total, review.my_vote, own)
    review.pk = ID_STAND_IN
    context = {"review": review, "next_path": stand_in("here")}
    return viewer.render(
        "reviews/_helpful.html",
        context,
        kept=kept,
        then={stand_in("here"): escape(here), str(ID_STAND_IN): review_id},
    )


@personal_part("reviews.continue_watching")
def continue_watching(viewer: Viewer, loaded: None) -> str:
    """The home page's "Continue watching" for members: what they are watching, with +1."""
    if not viewer.user.is_authenticated:
        return ""
    entries = selectors.continue_watching(viewer.user, CONTINUE_WATCHING_SHOWN)
    if not entries:
        return ""
    return viewer.render("reviews/_continue_watching.html", {"entries": entries})


@personal_part("episode_fold", load=_entries)
def episode_fold(viewer: Viewer, entries: dict[int, ListEntry], title_id: str,
                 number: str) -> str:  # fmt: skip
    """Opens a fold (`<details>`, closed by the template) around talk about episode `number`
    of a title: open for a member who has seen it, closed with "You are at episode M" for one
    who has not, and closed for visitors. Comment pages and threads of any room show it, so
    it is named by its role."""
    entry = entries.get(int(title_id))
    seen = entry.episodes_seen if entry else 0
    caught_up = entry is not None and (
        entry.status == ListEntry.Status.COMPLETED or seen >= int(number)
    )
    context = {"number": int(number), "seen": seen, "caught_up": caught_up, "entry": entry}
    return viewer.render("reviews/_episode_fold.html", context)
