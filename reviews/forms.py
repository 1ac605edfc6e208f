from django import forms
from django.conf import settings

from titles.models import Title

from .models import SCORE_ERROR, SUB_SCORES, ListEntry, Review


def limit_episodes(field: forms.Field, title: Title) -> None:
    """Tell the browser and the reader how many episodes the title has."""
    if title.episodes:
        field.widget.attrs["max"] = title.episodes
        field.help_text = f"Out of {title.episodes}."


class ListEntryForm(forms.ModelForm):
    class Meta:
        model = ListEntry
        fields = ["status", "score", "episodes_seen", "started_on", "finished_on"]
        labels = {"score": "Your Rating"}
        error_messages = {"score": {"invalid_choice": SCORE_ERROR}}
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}),
            "finished_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"].choices = [("", "— no score —"), *self.fields["score"].choices[1:]]
        if "episodes_seen" in self.fields and self.instance.title_id:
            limit_episodes(self.fields["episodes_seen"], self.instance.title)


class QuickEntryForm(ListEntryForm):
    """The title page's "Your Rating" and status, in one line."""

    class Meta(ListEntryForm.Meta):
        fields = ["status", "score"]
        widgets = {
            "score": forms.Select(
                attrs={"class": "form-select form-select-sm", "id": "your-score"}
            ),
            "status": forms.Select(
                attrs={"class": "form-select form-select-sm", "id": "your-status"}
            ),
        }


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["overall", "story", "acting", "music", "rewatch", "headline", "body",
                  "is_spoiler", "episodes_seen"]  # fmt: skip
        error_messages = {name: {"invalid_choice": SCORE_ERROR} for name, _ in SUB_SCORES}
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "overall": "Your Overall is also your rating of the title.",
            "is_spoiler": "Readers will see your review folded until they choose to reveal it.",
        }

    def __init__(self, *args, title: Title, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's clean() checks the episodes against the title (a new review has none yet).
        self.instance.title = title
        low, high = settings.REVIEW_MIN_LENGTH, settings.REVIEW_MAX_LENGTH
        self.fields["body"].help_text = f"Between {low:,} and {high:,} characters."
        self.fields["body"].strip = True
        for name, _ in SUB_SCORES:
            self.fields[name].choices = [("", "—"), *self.fields[name].choices[1:]]
        limit_episodes(self.fields["episodes_seen"], title)
