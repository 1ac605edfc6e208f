from django import forms
from django.conf import settings

from titles.models import Title

from .models import SCORE_ERROR, SUB_SCORES, ListEntry, Review


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
        if "episodes_seen" not in self.fields or not self.instance.title_id:
            return
        episodes = self.instance.title.episodes
        if episodes:
            self.fields["episodes_seen"].widget.attrs["max"] = episodes
            self.fields["episodes_seen"].help_text = f"Out of {episodes}."


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
        self.title = title
        low, high = settings.REVIEW_MIN_LENGTH, settings.REVIEW_MAX_LENGTH
        self.fields["body"].help_text = f"Between {low:,} and {high:,} characters."
        self.fields["body"].strip = True
        for name, _ in SUB_SCORES:
            self.fields[name].choices = [("", "—"), *self.fields[name].choices[1:]]
        if title.episodes:
            self.fields["episodes_seen"].widget.attrs["max"] = title.episodes
            self.fields["episodes_seen"].help_text = f"Out of {title.episodes}."

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        low, high = settings.REVIEW_MIN_LENGTH, settings.REVIEW_MAX_LENGTH
        if len(body) < low:
            raise forms.ValidationError(
                f"Your review is {len(body):,} characters long; please write at least {low:,}."
            )
        if len(body) > high:
            raise forms.ValidationError(
                f"Your review is {len(body):,} characters long; the limit is {high:,}."
            )
        return body

    def clean_episodes_seen(self) -> int:
        seen = self.cleaned_data["episodes_seen"]
        if self.title.episodes is not None and seen > self.title.episodes:
            raise forms.ValidationError(
                f"{self.title.title} has {self.title.episodes} episodes; "
                f"you cannot have seen {seen}."
            )
        return seen
