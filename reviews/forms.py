from django import forms
from django.conf import settings
from django.utils.choices import BaseChoiceIterator

from core.widgets import ScoreScale, Select
from titles.models import Title

from .models import ListEntry, Review
from .scores import SCORE_ERROR, SUB_SCORES


def limit_episodes(field: forms.Field, title: Title) -> None:
    """Tell the browser and the reader how many episodes the title has, and say it too when a
    number is past what the database column holds (instead of "less than or equal to 32767")."""
    if title.episodes:
        field.widget.attrs["max"] = title.episodes
        field.help_text = f"Out of {title.episodes}."
        plural = "" if title.episodes == 1 else "s"
        too_many = f"{title.title} has {title.episodes} episode{plural}; you cannot have seen more."
    else:
        too_many = "That is more episodes than any title has; please check the number."
    field.error_messages["max_value"] = too_many


def blank_choice_label(field: forms.Field, label: str) -> None:
    """Show `label` for the empty first choice Django gives a model field with choices."""
    # A form field keeps its choices normalised: a list, or a lazy iterator that adds the
    # blank choice or calls a function.
    if not (
        isinstance(field, forms.ChoiceField)
        and isinstance(field.choices, list | BaseChoiceIterator)
    ):
        raise TypeError(f"{field!r} has no choices")
    field.choices = [("", label), *list(field.choices)[1:]]


def status_for_new_entry(title: Title) -> str:
    """What a member most likely means by adding the title: to plan it before it airs, to
    follow it while it airs, to have seen it after."""
    if not title.has_aired:
        return ListEntry.Status.PLAN_TO_WATCH
    if title.status == Title.Status.AIRING:
        return ListEntry.Status.WATCHING
    return ListEntry.Status.COMPLETED


def only_planning(form: forms.ModelForm) -> None:
    """Before a title airs, Plan to Watch is its only status, with nothing else to fill in."""
    for name in ("score", "episodes_seen", "started_on", "finished_on", "rewatch_count"):
        form.fields.pop(name, None)
    status = form.fields["status"]
    if not isinstance(status, forms.ChoiceField):
        raise TypeError(f"{status!r} has no choices")
    status.choices = [(ListEntry.Status.PLAN_TO_WATCH, ListEntry.Status.PLAN_TO_WATCH.label)]
    status.help_text = "You can rate it once it airs."


class ListEntryForm(forms.ModelForm):
    class Meta:
        model = ListEntry
        fields = ["status", "score", "episodes_seen", "started_on", "finished_on",
                  "rewatch_count", "priority", "note", "is_private"]  # fmt: skip
        labels = {"score": "Your Rating"}
        error_messages = {"score": {"invalid_choice": SCORE_ERROR}}
        widgets: dict[str, forms.Widget] = {
            "status": Select(),
            "score": ScoreScale(),
            "started_on": forms.DateInput(attrs={"type": "date"}),
            "finished_on": forms.DateInput(attrs={"type": "date"}),
            "priority": Select(),
            "note": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        blank_choice_label(self.fields["score"], "No score")
        if "priority" in self.fields:
            blank_choice_label(self.fields["priority"], "No priority")
        if "rewatch_count" in self.fields:  # left empty, none
            self.fields["rewatch_count"].required = False
        title = self.instance.title if self.instance.title_id else None
        if title is None:
            return
        if not self.instance.pk:
            self.initial["status"] = status_for_new_entry(title)
        if not title.has_aired:
            only_planning(self)
        elif "episodes_seen" in self.fields:
            limit_episodes(self.fields["episodes_seen"], title)

    def clean_rewatch_count(self) -> int:
        return self.cleaned_data.get("rewatch_count") or 0


class QuickEntryForm(ListEntryForm):
    """The title page's "Your Rating" and status, in one line."""

    class Meta(ListEntryForm.Meta):
        fields = ["status", "score"]
        widgets: dict[str, forms.Widget] = {
            # One row of steps on a phone; the full form clears a score.
            "score": ScoreScale(attrs={"id": "your-score"}, clearable=False),
            "status": Select(attrs={"class": "form-select form-select-sm", "id": "your-status"}),
        }


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["overall", "story", "acting", "music", "rewatch", "headline", "body",
                  "is_spoiler", "episodes_seen"]  # fmt: skip
        error_messages = {name: {"invalid_choice": SCORE_ERROR} for name, _ in SUB_SCORES}
        widgets = {
            **{name: ScoreScale() for name, _ in SUB_SCORES},
            "body": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "overall": "Your Overall is also your rating of the title.",
            "is_spoiler": "Readers will see your review folded until they choose to reveal it.",
        }

    def __init__(self, *args, title: Title, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The model's clean() checks the episodes against the title (a new review has none yet).
        self.instance.title = title
        low, high = settings.REVIEW_MIN_LENGTH, settings.REVIEW_MAX_LENGTH
        self.fields["body"].help_text = f"Between {low:,} and {high:,} characters."
        body = self.fields["body"]
        if not isinstance(body, forms.CharField):
            raise TypeError(f"{body!r} is not a text field")
        body.strip = True
        limit_episodes(self.fields["episodes_seen"], title)
