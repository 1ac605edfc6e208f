"""The viewer's own parts of pages that show titles and reviews (core/personal.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from core.http import sign_in_url
from core.personal import Viewer, personal_part
from reviews import selectors
from reviews.forms import QuickEntryForm
from reviews.models import ListEntry, Review
from titles.models import Title


def _state(viewer: Viewer, args: Any = None) -> selectors.MemberState:
    """The viewer's entries and votes for everything this app's parts show on the page: one
    query for "Your Rating", "Write a Review" and every review's Yes and No."""

    def ids(*names: str) -> list[int]:
        return sorted({int(words[0]) for name in names for words in viewer.marks.get(name, [])})

    return viewer.once("reviews", lambda: selectors.member_state(
        viewer.user,
        title_ids=ids("reviews.your_entry", "reviews.write_link"),
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
    if entry is not None:
        entry.title = title
    form = None
    if viewer.user.is_authenticated:
        form = QuickEntryForm(instance=entry or ListEntry(title=title))
    return your_entry_html(title, entry, form, viewer.csrf_token if form else "")


def your_entry_html(
    title: Title, entry: ListEntry | None, form: QuickEntryForm | None, token: str
) -> SafeString:
    """ "Your Rating" and list status: the member's form (`form`, with its errors after a
    refused rating), or for a visitor (no form) where to sign in. Every member's title page
    shows it, so it is written here rather than through a template (measured: half the cost);
    the rating view sends it back in place after a rating."""
    if form is None:
        login = sign_in_url(title.get_absolute_url())
        inner = format_html(
            '<p class="mb-0"><span class="fw-semibold">Your Rating:</span> <a href="{}">Sign in'
            "</a> to rate this title and add it to your list.</p>",
            login,
        )
    else:
        rate = reverse("reviews:rate", args=[title.pk])
        more = format_html(
            '<a class="small" href="{}">Episodes and dates</a>',
            reverse("reviews:title_entry", args=[title.pk]),
        ) if entry else SafeString()  # fmt: skip
        errors = [*form.non_field_errors(), *(e for field in form for e in field.errors)]
        inner = format_html(
            '<form method="post" action="{rate}" class="d-flex flex-wrap align-items-end gap-2"'
            ' data-hx-post="{rate}" data-hx-target="#your-entry" data-hx-swap="outerHTML">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
            "{score}"
            '<div><label for="your-status" class="form-label small mb-0 fw-semibold">Status'
            "</label>{status}</div>"
            '<button type="submit" class="btn btn-sm btn-primary">{save}</button>{more}</form>'
            "{errors}{listed}",
            rate=rate,
            token=token,
            score=_score_field(form),
            status=form["status"],
            save="Save" if entry else "Add to my list",
            more=more,
            errors=format_html_join(
                "", '<p class="text-danger small mb-0" role="alert">{}</p>', ((e,) for e in errors)
            ),
            listed=_on_your_list(entry),
        )
    return format_html(
        '<section id="your-entry" class="your-entry my-2"'
        ' aria-label="Your rating and list status">{}</section>',
        inner,
    )


def _score_field(form: QuickEntryForm) -> SafeString:
    """The score's select, or why there is none: the title has not aired."""
    if "score" not in form.fields:
        return format_html(
            '<p class="small mb-1"><span class="fw-semibold">Your Rating:</span> {}</p>',
            form["status"].help_text,
        )
    return format_html(
        '<div><label for="your-score" class="form-label small mb-0 fw-semibold">Your Rating:'
        "</label>{}</div>",
        form["score"],
    )


def _on_your_list(entry: ListEntry | None) -> SafeString:
    """The member's entry in words: its status, progress and score."""
    if entry is None:
        return SafeString()
    words = [entry.get_status_display()]
    if entry.episodes_seen and entry.status != ListEntry.Status.COMPLETED:
        total = entry.title.episodes
        words.append(f"episode {entry.episodes_seen}" + (f" of {total}" if total else ""))
    if entry.score:
        words.append(f"your rating {entry.score}")
    return format_html(
        '<p class="small text-body-secondary mb-0 mt-1">On your list: {}.</p>', ", ".join(words)
    )


@personal_part("reviews.write_link", load=_entries)
def write_link(viewer: Viewer, entries: dict[int, ListEntry], title_id: str) -> str:
    """Write a Review, or Edit your review once the member has written one."""
    entry = entries.get(int(title_id))
    context = {"title_id": int(title_id), "own_review_id": entry and entry.review_id}
    return viewer.render("reviews/_write_link.html", context)


@personal_part("reviews.helpful", load=_votes)
def helpful(viewer: Viewer, votes: dict[int, bool], review_id: str, author_id: str,
            yes: str, total: str) -> str:  # fmt: skip
    """ "N of M people found this review helpful" and the viewer's Yes and No."""
    review = Review(pk=int(review_id), user_id=int(author_id), helpful_yes=int(yes),
                    helpful_total=int(total))  # fmt: skip
    review.my_vote = votes.get(review.pk)
    return helpful_html(review, viewer.user, viewer.csrf_token, viewer.request.get_full_path())


def helpful_html(review: Review, user: Any, token: str, next_path: str, error: str = "") -> str:
    """The helpfulness of a review and the viewer's vote buttons: the title page repeats it
    for every review, so it is written here rather than through a template (a quarter of the
    cost, measured). The vote view sends it back alone, swapped in place by htmx."""
    count = answer = SafeString()
    if review.helpful_total:
        people = "person" if review.helpful_total == 1 else "people"
        count = format_html(
            '<p class="mb-1 text-body-secondary">{} of {} {} found this review helpful</p>',
            review.helpful_yes, review.helpful_total, people,
        )  # fmt: skip
    if error:
        alert = format_html('<p class="text-danger mb-1" role="alert">{}</p>', error)
    else:
        alert = SafeString()
    if not user.is_authenticated:
        login = sign_in_url(next_path)
        answer = format_html(
            '<p class="mb-0">Was this review helpful to you? <a href="{}">Sign in</a> to vote.</p>',
            login,
        )
    elif user.pk != review.user_id:
        answer = format_html(
            '<form method="post" action="{url}" class="d-flex align-items-center gap-2"'
            ' data-hx-post="{url}" data-hx-target="#helpful-{id}" data-hx-swap="outerHTML">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
            '<input type="hidden" name="next" value="{next}#review-{id}">'
            "<span>Was this review helpful to you?</span>"
            '<button type="submit" name="helpful" value="yes" class="btn btn-sm {yes}"'
            ' aria-pressed="{yes_pressed}">Yes</button>'
            '<button type="submit" name="helpful" value="no" class="btn btn-sm {no}"'
            ' aria-pressed="{no_pressed}">No</button>{withdraw}</form>',
            url=reverse("reviews:review_vote", args=[review.pk]),
            id=review.pk,
            token=token,
            next=next_path,
            yes="btn-success" if review.my_vote is True else "btn-outline-success",
            yes_pressed="true" if review.my_vote is True else "false",
            no="btn-secondary" if review.my_vote is False else "btn-outline-secondary",
            no_pressed="true" if review.my_vote is False else "false",
            withdraw=SafeString(
                '<button type="submit" name="helpful" value="withdraw"'
                ' class="btn btn-sm btn-link p-0">Take my vote back</button>'
            ) if review.my_vote is not None else SafeString(),
        )  # fmt: skip
    return format_html(
        '<div id="helpful-{}" class="helpful small">{}{}{}</div>', review.pk, count, alert, answer
    )
