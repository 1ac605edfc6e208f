"""Form widgets for forms that every member's page shows."""

from __future__ import annotations

from html import escape
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import SafeString, mark_safe


class PlainSelect(forms.Select):
    """A select that writes its markup in code, not through a template per option.

    Django renders each option through a template of its own: for the twenty scores of
    "Your Rating" that was most of the cost of a member's title page. The markup is the same
    as Django's; option groups are not supported.
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = set(self.format_value(value))
        options = "\n".join(
            f'<option value="{escape(str(option))}"'
            f"{' selected' if str(option) in chosen else ''}>{escape(str(label))}</option>"
            for option, label in self.choices
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        # Every value, label and the name are escaped above; flatatt escapes the attributes.
        return mark_safe(f'<select name="{escape(name)}"{attributes}>\n{options}\n</select>')
