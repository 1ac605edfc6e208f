"""The feed: what the members one follows did, newest first.

The activity log (social) says who did what to which item; each item's own app says whether
it is still shown (not hidden, deleted or made private), one query per kind of item on the
page, so the page costs the same whether one follows ten members or a thousand. An item that
is no longer shown leaves a page a little short rather than being fetched around.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from accounts.members import signed_in_member
from comments import selectors as comment_selectors
from core.http import sign_in_required
from core.metadata import not_indexed
from lists import selectors as lists_selectors
from recommendations import selectors as recommendation_selectors
from reviews import selectors as reviews_selectors
from social import selectors as social_selectors
from social.models import Activity, Verb

FEED_PER_PAGE = 30


@dataclass(frozen=True)
class FeedItem:
    activity: Activity
    item: Any  # the review, comment, list or reason; None for a rating or a completion


def shown_items(activities: list[Activity]) -> list[FeedItem]:
    """The activities whose item is still shown, each with its item."""
    ids: dict[str, set[int]] = {}
    for activity in activities:
        ids.setdefault(activity.verb, set()).add(activity.object_id)
    entries = reviews_selectors.public_entry_ids(
        ids.get(Verb.RATED, set()) | ids.get(Verb.COMPLETED, set())
    )
    found: dict[str, dict[int, Any]] = {
        Verb.RATED: dict.fromkeys(entries),
        Verb.COMPLETED: dict.fromkeys(entries),
        Verb.REVIEWED: reviews_selectors.visible_reviews(ids.get(Verb.REVIEWED, set())),
        Verb.COMMENTED: comment_selectors.visible_comments(ids.get(Verb.COMMENTED, set())),
        Verb.LISTED: lists_selectors.public_lists(ids.get(Verb.LISTED, set())),
        Verb.RECOMMENDED: recommendation_selectors.visible_reasons(
            ids.get(Verb.RECOMMENDED, set())
        ),
    }
    return [
        FeedItem(activity, found[activity.verb][activity.object_id])
        for activity in activities
        if activity.object_id in found.get(activity.verb, {})
    ]


@not_indexed
@sign_in_required
@cache_control(private=True, no_store=True)
def feed(request: HttpRequest) -> HttpResponse:
    user = signed_in_member(request)
    page = social_selectors.feed_page(user, request.GET.get("page"), FEED_PER_PAGE)
    context = {"page": page, "items": shown_items(page.object_list)}
    return render(request, "front/feed.html", context)
