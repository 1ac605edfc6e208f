"""The viewer's own parts of pages that show titles and reviews (core/personal.py)."""

from __future__ import annotations

from core.personal import Viewer, personal_part
from reviews import selectors
from reviews.forms import QuickEntryForm
from reviews.models import ListEntry, Review
from titles.models import Title


def _entries(viewer: Viewer, args: list[tuple[str, ...]]) -> dict[int, ListEntry]:
    """The viewer's entries (with their review ids) for the titles of the marks: "Your
    Rating" and "Write a Review" share the one query."""
    ids = tuple(sorted({int(words[0]) for words in args}))
    return viewer.once(("reviews.entries", ids), lambda: selectors.entries_for(viewer.user, ids))


@personal_part("reviews.your_entry", load=_entries)
def your_entry(viewer: Viewer, entries: dict[int, ListEntry], title_id: str, slug: str) -> str:
    """ "Your Rating" and list status of the title page: a form for members."""
    title = Title(pk=int(title_id), slug=slug)
    entry = entries.get(title.pk)
    context = {"title": title, "your_entry": entry, "rate_form": QuickEntryForm(instance=entry)}
    return viewer.render("reviews/_your_entry.html", context)


@personal_part("reviews.write_link", load=_entries)
def write_link(viewer: Viewer, entries: dict[int, ListEntry], title_id: str) -> str:
    """Write a Review, or Edit your review once the member has written one."""
    entry = entries.get(int(title_id))
    context = {"title_id": int(title_id), "own_review_id": entry and entry.review_id}
    return viewer.render("reviews/_write_link.html", context)


@personal_part("reviews.author_links")
def author_links(viewer: Viewer, loaded: None, review_id: str, author_id: str) -> str:
    """Edit and Delete on a review, for its author only."""
    if viewer.user.pk != int(author_id):
        return ""
    return viewer.render("reviews/_author_links.html", {"review_id": int(review_id)})


def _votes(viewer: Viewer, args: list[tuple[str, ...]]) -> dict[int, bool]:
    return selectors.my_votes(viewer.user, [int(words[0]) for words in args])


@personal_part("reviews.helpful", load=_votes)
def helpful(viewer: Viewer, votes: dict[int, bool], review_id: str, author_id: str,
            yes: str, total: str) -> str:  # fmt: skip
    """ "N of M people found this review helpful" and the viewer's Yes and No."""
    review = Review(pk=int(review_id), user_id=int(author_id), helpful_yes=int(yes),
                    helpful_total=int(total))  # fmt: skip
    review.my_vote = votes.get(review.pk)
    return viewer.render("reviews/_helpful.html", {"review": review})
