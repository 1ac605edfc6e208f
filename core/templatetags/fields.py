"""Form fields in the site's look: `{% field form.headline %}` for one, `{% fields form %}` for
a whole form. The markup is in templates/core/field.html and fields.html; here each widget
only gets its classes and the ids of the texts that describe it."""

from typing import Any

from django import forms, template
from django.forms import BoundField

from core.widgets import ScoreScale

register = template.Library()

# How each kind of widget is drawn, and the class its input takes.
KINDS = [
    (ScoreScale, "scale", ""),
    (forms.CheckboxInput, "check", "form-check-input"),
    (forms.RadioSelect, "choices", "form-check-input"),  # and CheckboxSelectMultiple
    (forms.Select, "select", "form-select"),
    (forms.Widget, "control", "form-control"),
]


def _kind(widget: forms.Widget) -> tuple[str, str]:
    return next((kind, css) for cls, kind, css in KINDS if isinstance(widget, cls))


@register.inclusion_tag("core/field.html")
def field(bound: BoundField) -> dict[str, Any]:
    widget = bound.field.widget
    kind, css = _kind(widget)
    classes = [widget.attrs.get("class", css), "is-invalid" if bound.errors else ""]
    described = [f"{bound.auto_id}_helptext" if bound.help_text else "",
                 f"{bound.auto_id}_error" if bound.errors else ""]  # fmt: skip
    described_by = " ".join(filter(None, described))
    attrs: dict[str, str | bool] = {"class": " ".join(filter(None, classes))}
    context = {"field": bound, "kind": kind, "required": bound.field.required,
               "described_by": described_by}  # fmt: skip
    if kind == "choices":
        context["options"] = [
            (option, option.tag(wrap_label=False)) for option in _options(bound, attrs)
        ]
        return context
    if described_by and kind != "scale":  # a group is described on its fieldset
        attrs["aria-describedby"] = described_by
    context["widget"] = bound.as_widget(attrs=attrs)
    return context


def _options(bound: BoundField, attrs: dict[str, str | bool]) -> list[Any]:
    """The radio buttons or check boxes of a choice field, each with the field's classes."""
    attrs = bound.build_widget_attrs({**attrs, "id": bound.auto_id})
    widget = bound.field.widget
    return [
        forms.boundfield.BoundWidget(widget, option, bound.form.renderer)
        for option in widget.subwidgets(bound.html_name, bound.value(), attrs=attrs)
    ]


@register.inclusion_tag("core/fields.html")
def fields(form: forms.BaseForm) -> dict[str, Any]:
    return {"form": form}
