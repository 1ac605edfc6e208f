"""Browsing the catalogue: the filters of /titles/ and the ranking lists, as GET forms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect

from core.widgets import Select
from reviews import selectors as reviews_selectors
from titles.countries import CATALOGUE_COUNTRIES, country_code, country_name
from titles.models import Genre, Network, Tag, Title, TitleQuerySet

# Sorting by score or popularity lists only titles that have one (as the rankings do).
SORTS = [("newest", "Newest"), ("score", "Top rated"), ("popularity", "Most popular"),
         ("added", "Recently added"), ("title", "Title")]  # fmt: skip
YEARS = (1900, 2100)


class CountryChoiceField(forms.ChoiceField):
    """A country by its code; a name, as addresses from before the codes carry, is read as
    its code."""

    def to_python(self, value: object) -> str:
        text = super().to_python(value)
        return country_code(text) or text


class BrowseForm(forms.Form):
    """Every filter is optional and they combine; a value that is not understood is dropped
    with a message instead of failing the page."""

    country = CountryChoiceField(
        choices=[("", "Any country"), *[(c, country_name(c)) for c in CATALOGUE_COUNTRIES]],
        required=False,
        widget=Select,
    )
    type = forms.ChoiceField(
        choices=[("", "Any type"), *Title.Kind.choices], required=False, widget=Select
    )
    genre = forms.ModelChoiceField(
        Genre.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any genre",
        widget=Select,
    )
    tag = forms.SlugField(required=False, widget=forms.HiddenInput)
    network = forms.ModelChoiceField(
        Network.objects.all(), required=False, empty_label="Any network", widget=Select
    )
    year_from = forms.IntegerField(min_value=YEARS[0], max_value=YEARS[1], required=False,
                                   label="From year")  # fmt: skip
    year_to = forms.IntegerField(min_value=YEARS[0], max_value=YEARS[1], required=False,
                                 label="To year")  # fmt: skip
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Title.Status.choices], required=False, widget=Select
    )
    sort = forms.ChoiceField(choices=SORTS, required=False, widget=Select)


class RankingForm(forms.Form):
    """The rankings are filtered by country and type only; their numbers stay the stored ones."""

    country = BrowseForm.base_fields["country"]
    type = BrowseForm.base_fields["type"]


# What a genre or a network must look like to name one; whether it exists is the form's to say.
WELL_FORMED = {
    "genre": forms.SlugField(),
    "network": forms.IntegerField(min_value=1, max_value=2**31 - 1),
}


def not_understood(params: QueryDict, form_class: type[forms.Form]) -> list[str]:
    """The filters in `params` whose values cannot be right, found without the database: a
    choice that is not offered, a year out of range, a genre that is not a slug."""
    found = []
    for name, field in form_class.base_fields.items():
        if (value := params.get(name, "")) == "":
            continue
        try:
            WELL_FORMED.get(name, field).clean(value)
        except ValidationError:
            found.append(name)
    return found


def filters_understood(form_class: type[forms.Form]) -> Callable:
    """A filter whose value cannot be right never makes a page of its own (nor takes a place
    in the page cache): the address is sent on to the same one without it, with a message
    that names what was left out."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not (wrong := not_understood(request.GET, form_class)):
                return view(request, *args, **kwargs)
            labels = ", ".join(_label(form_class, name) for name in wrong)
            messages.warning(
                request, f"Some filters were not understood and are left out: {labels}."
            )
            rest = {k: v for k, v in request.GET.items() if k not in wrong and k != "page" and v}
            return redirect(f"{request.path}?{urlencode(rest)}" if rest else request.path)

        return wrapped

    return decorator


def _label(form_class: type[forms.Form], name: str) -> str:
    return str(form_class.base_fields[name].label or name.title())


RANKINGS = {
    "score": ("Top rated", "Ranked by the weighted score (see How scores work); only titles "
              "scored by at least {n} members are listed."),
    "popularity": ("Most popular", "Ranked by the number of members with the title on "
                   "their list."),
}  # fmt: skip


@dataclass
class ActiveFilter:
    label: str
    remove_url: str


def browse(params: QueryDict) -> tuple[BrowseForm, QuerySet[Title], list[ActiveFilter], str]:
    """The form, the filtered titles in order, the filters in force, and the sort."""
    form = BrowseForm(params)
    form.is_valid()
    data = {name: value for name, value in form.cleaned_data.items() if value not in (None, "")}
    titles = Title.objects.select_related("network")
    if "country" in data:
        titles = titles.filter(country=data["country"])
    if "type" in data:
        titles = titles.filter(kind=data["type"])
    if "genre" in data:
        titles = titles.filter(genres=data["genre"])
    if "tag" in data:
        titles = titles.filter(tags__slug=data["tag"])
    if "network" in data:
        titles = titles.filter(network=data["network"])
    if "year_from" in data:
        titles = titles.filter(year__gte=data["year_from"])
    if "year_to" in data:
        titles = titles.filter(year__lte=data["year_to"])
    if "status" in data:
        titles = titles.with_status(data["status"])
    sort = data.get("sort", "newest")
    return form, ordered(titles, sort), active_filters(form, params), sort


def ordered(titles: TitleQuerySet, sort: str) -> QuerySet[Title]:
    if sort in ("score", "popularity"):
        return reviews_selectors.ranked(titles, sort)
    titles = titles.select_related("stats")
    if sort == "title":
        return titles.order_by(Lower("title"), "id")
    if sort == "added":
        return titles.order_by("-created_at", "-id")
    return titles.newest_first()


def active_filters(form: BrowseForm, params: QueryDict) -> list[ActiveFilter]:
    """Each filter in force, with the address of the same page without it."""
    found = []
    for name, value in form.cleaned_data.items():
        if name == "sort" or value in (None, ""):
            continue
        label = f"{_label(BrowseForm, name)}: {_shown(name, value)}"
        rest = {k: v for k, v in params.items() if k not in (name, "page") and v}
        found.append(ActiveFilter(label, "?" + urlencode(rest) if rest else "?"))
    return found


CHOICE_LABELS = {
    "country": dict(BrowseForm.base_fields["country"].choices),  # type: ignore[attr-defined]
    "type": dict(Title.Kind.choices),
    "status": dict(Title.Status.choices),
}


def _shown(name: str, value: object) -> str:
    if name in CHOICE_LABELS:
        return str(CHOICE_LABELS[name].get(str(value), value))
    if isinstance(value, Tag | Genre | Network):
        return value.name
    return str(value)
