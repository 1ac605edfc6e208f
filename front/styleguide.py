"""/styleguide/: every component of the site's design system, rendered with sample data, for
staff (and anyone while DEBUG is on). The samples are built in memory: the page reads nothing
from the database, so it shows the same on an empty site."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.metadata import not_indexed
from core.pagination import countless_page
from core.widgets import ScoreScale, Select
from reviews.models import ListEntry, TitleStats
from reviews.scores import SCORE_CHOICES
from titles.models import Title

from .browse import RankingForm

# The colour tokens of static/css/site.css (dark.css gives each its dark value).
TOKENS = ["page", "surface", "line", "muted", "accent", "on-accent", "score", "header"]


class SampleEntryForm(forms.Form):
    """The rating control and the status control, as the title page and the list use them."""

    score = forms.ChoiceField(label="Your Rating", choices=SCORE_CHOICES, required=False,
                              widget=ScoreScale(clearable=False))  # fmt: skip
    status = forms.ChoiceField(label="Status", choices=ListEntry.Status.choices, widget=Select)


def _sample_title(pk: int, name: str, native: str, mean_sum: str, count: int) -> Title:
    title = Title(pk=pk, title=name, slug=f"sample-{pk}", native_title=native, year=2005,
                  country="JP", kind=Title.Kind.DRAMA, episodes=11)  # fmt: skip
    title.stats = TitleStats(title=title, ratings_count=count, ratings_sum=Decimal(mean_sum),
                             rank=pk, popularity=pk)  # fmt: skip
    return title


@not_indexed
def styleguide(request: HttpRequest) -> HttpResponse:
    if not (settings.DEBUG or request.user.is_staff):
        raise Http404("The style guide is for staff.")
    titles = [
        _sample_title(1, "A Sample Title", "サンプル", "54.0", 6),
        _sample_title(2, "Another Sample With a Longer Name", "", "61371.0", 6819),
    ]
    context = {
        "tokens": TOKENS,
        "titles": titles,
        "entry_form": SampleEntryForm(initial={"score": "8.5", "status": "watching"}),
        "filters": RankingForm(),
        "page": countless_page(list(range(60)), 2, 20),  # type: ignore[arg-type]
        "heading_sizes": [1, 2, 3, 4, 5, 6],
        "spacers": [1, 2, 3, 4, 5],
    }
    return render(request, "front/styleguide.html", context)
