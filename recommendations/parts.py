"""The viewer's own parts of pages that show recommendations (core/personal.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.http import sign_in_url
from core.personal import Viewer, personal_part
from recommendations import selectors
from recommendations.models import Recommendation


def _states(viewer: Viewer, args: list[tuple[str, ...]]) -> dict[int, tuple[bool, bool]]:
    return selectors.vote_states(viewer.user, [int(words[0]) for words in args])


@personal_part("recommendations.vote", load=_states)
def vote(viewer: Viewer, states: dict[int, tuple[bool, bool]], rec_id: str, votes: str) -> str:
    """The vote button of one recommendation, pressed or not; a sign-in link for visitors."""
    rec = Recommendation(pk=int(rec_id), votes_count=int(votes))
    voted, yours = states.get(rec.pk, (False, False))
    next_path = viewer.request.get_full_path()
    return vote_html(rec, viewer.user, viewer.csrf_token, next_path, voted=voted, yours=yours)


def vote_html(rec: Recommendation, user: Any, token: str, next_path: str, *, voted: bool,
              yours: bool, error: str = "") -> SafeString:  # fmt: skip
    """Vote a recommendation up, or take the vote back. Every card of a title page has one,
    so it is written here rather than through a template (a quarter of the cost, measured);
    the vote views send it back alone, swapped in place by htmx. Visitors get a link to sign
    in: their pages carry no form token (core/page_cache.py)."""
    count = rec.votes_count
    if not user.is_authenticated:
        login = sign_in_url(next_path)
        button = format_html(
            '<a class="btn btn-sm py-0 btn-outline-primary" href="{}"'
            ' title="Sign in to vote this recommendation up">▲ Vote ({})</a>',
            login, count,
        )  # fmt: skip
    elif yours:
        button = format_html(
            '<span class="badge text-bg-light border" title="You recommended this pair">'
            "▲ {} vote{}</span>",
            count, "" if count == 1 else "s",
        )  # fmt: skip
    else:
        url = reverse("recommendations:unvote" if voted else "recommendations:vote", args=[rec.pk])
        button = format_html(
            '<form method="post" class="d-inline" action="{url}" data-hx-post="{url}"'
            ' data-hx-target="#rec-vote-{id}" data-hx-swap="outerHTML">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
            '<input type="hidden" name="next" value="{next}">'
            '<button type="submit" class="btn btn-sm py-0 {style}" aria-pressed="{pressed}"'
            ' title="{title}">▲ {label} ({count})</button></form>',
            url=url,
            id=rec.pk,
            token=token,
            next=next_path,
            style="btn-primary" if voted else "btn-outline-primary",
            pressed="true" if voted else "false",
            title="Take your vote back" if voted else "Vote this recommendation up",
            label="Voted" if voted else "Vote",
            count=count,
        )
    alert = (
        format_html('<span class="text-danger small" role="alert">{}</span>', error)
        if error
        else SafeString()
    )
    return format_html(
        '<div class="rec-vote d-inline-flex align-items-center gap-2" id="rec-vote-{}">{}{}</div>',
        rec.pk, button, alert,
    )  # fmt: skip
