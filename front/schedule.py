"""/schedule/: the episodes airing in a week, day by day, for everybody or only the titles on a
member's list. Broadcast times are shown in each network's zone, labelled; the browser turns
them into the visitor's own (static/js/local-times.js)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.models import User
from core.http import sign_in_url
from core.metadata import filtered_by
from core.page_cache import cached_page, depends_on
from core.versions import CATALOGUE
from reviews import selectors as reviews_selectors
from titles.models import Episode

from .browse import BrowseForm, filters_understood

# The weeks the schedule can show: wide enough for any catalogue, and far enough from the
# ends of the calendar that a week and its neighbours always exist.
FIRST_WEEK, LAST_WEEK = date(1900, 1, 1), date(2199, 12, 31)


class ScheduleForm(forms.Form):
    week = forms.DateField(
        required=False,
        label="Week of",
        validators=[
            MinValueValidator(FIRST_WEEK, "The schedule starts in 1900."),
            MaxValueValidator(LAST_WEEK, "The schedule ends in 2199."),
        ],
    )
    country = BrowseForm.base_fields["country"]
    mine = forms.BooleanField(required=False, label="My titles only")


@dataclass
class Day:
    day: date
    episodes: list[Episode]
    more: bool  # more episodes air that day than the week's view shows


@filtered_by("week", "country", "mine")
@filters_understood(ScheduleForm)
def schedule(request: HttpRequest) -> HttpResponse:
    """Everybody's schedule is one page for all; a member's own titles are theirs alone."""
    if request.GET.get("mine"):
        if not request.user.is_authenticated:
            return redirect(sign_in_url(request.get_full_path()))
        return _schedule(request, request.user)
    return _shared_schedule(request)


@cached_page(depends_on(CATALOGUE), reads=("week", "country"))
def _shared_schedule(request: HttpRequest) -> HttpResponse:
    return _schedule(request, AnonymousUser())


def _schedule(request: HttpRequest, member: User | AnonymousUser) -> HttpResponse:
    form = ScheduleForm(request.GET)
    form.is_valid()  # every value was checked on the way in (filters_understood)
    today = timezone.localdate()
    asked = form.cleaned_data.get("week") or today
    monday = asked - timedelta(days=asked.weekday())
    week = [monday + timedelta(days=n) for n in range(7)]
    episodes = Episode.objects.all()
    if country := form.cleaned_data.get("country"):
        episodes = episodes.filter(title__country=country)
    if member.is_authenticated:
        episodes = episodes.filter(title_id__in=reviews_selectors.following_title_ids(member))
    per_day = settings.SCHEDULE_PER_DAY
    found = episodes.on_days(week, per_day + 1)
    days = []
    for day in week:
        on_day = sorted((e for e in found if e.air_date == day), key=_broadcast_order)
        days.append(Day(day, on_day[:per_day], more=len(on_day) > per_day))
    context = {
        "form": form,
        "days": days,
        "today": today,
        "mine": member.is_authenticated,
        "previous": _week_link(request, monday - timedelta(weeks=1)),
        "next": _week_link(request, monday + timedelta(weeks=1)),
        "this_week": monday <= today < monday + timedelta(weeks=1),
    }
    return render(request, "front/schedule.html", context)


def _broadcast_order(episode: Episode) -> tuple[bool, float, str, int]:
    """The day's episodes by broadcast time (those without one last), then title."""
    airs_at = episode.airs_at
    moment = airs_at.timestamp() if airs_at else 0.0
    return (airs_at is None, moment, episode.title.title, episode.number)


def _week_link(request: HttpRequest, monday: date) -> str:
    params = {k: v for k, v in request.GET.items() if k != "week" and v}
    return f"{request.path}?{urlencode({**params, 'week': monday.isoformat()})}"
