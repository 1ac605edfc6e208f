"""Form widgets whose options the template writes in one loop.

Django's choice widgets build every option's attributes in code (`optgroups`) and render each
option through templates of their own: for the twenty scores of a rating or the countries of
the browse filters, that was most of the cost of the page. These give their template only
each option's value, its label and whether it is chosen. Option groups are not supported.
"""

from __future__ import annotations

from typing import Any

from django import forms


def _options(widget: forms.Select | forms.RadioSelect, value: Any) -> list[tuple[str, str, bool]]:
    chosen = set(widget.format_value(value))
    return [(str(v), str(label), str(v) in chosen) for v, label in widget.choices]


class Select(forms.Select):
    template_name = "core/select.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = forms.Widget.get_context(self, name, value, attrs)  # without the optgroups
        context["widget"]["options"] = _options(self, value)
        return context


class ScoreScale(forms.RadioSelect):
    """The rating control: every score as a radio button, drawn as a row of steps from the
    lowest to the highest (static/css/site.css, `.score-scale`).

    Radio buttons need no JavaScript, and the browser gives them their keys: Tab reaches the
    scale, the arrow keys move along it. A field that may stay empty gets a first step for no
    score (its blank choice) unless `clearable` is False (nothing chosen then sends none); a
    required one has no such step, so nothing chosen is refused.
    """

    template_name = "core/score_scale.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, clearable: bool = True) -> None:
        super().__init__(attrs)
        self.clearable = clearable

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = forms.Widget.get_context(self, name, value, attrs)  # without the optgroups
        options = _options(self, value)
        blank = [o for o in options if o[0] == "" and self.clearable and not self.is_required]
        scores = sorted((o for o in options if o[0] != ""), key=lambda o: float(o[0]))
        first = context["widget"]["attrs"].get("id", name)
        context["widget"]["steps"] = [
            (f"{first}_{n}", *option) for n, option in enumerate([*blank, *scores])
        ]
        return context
