from django import forms

from .models import SCORE_ERROR, ListEntry


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
        episodes = self.instance.title.episodes if self.instance.title_id else None
        if "episodes_seen" in self.fields and episodes:
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
