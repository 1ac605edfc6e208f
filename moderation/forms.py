from django import forms

from .models import NOTE_MAX_LENGTH, Action, Report


class ReportForm(forms.ModelForm):
    # Declared here so that none of the reasons is chosen in advance (no blank choice).
    reason = forms.ChoiceField(
        label="What is wrong with it?", choices=Report.Reason.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = Report
        fields = ["reason", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"note": "Optional. The author never learns who reported them."}


# The verb comes from the button pressed; only a hand-made request lacks a known one.
CHOOSE_A_VERB = "Choose what to do with one of the buttons below; nothing was done yet."


class ActionForm(forms.Form):
    verb = forms.ChoiceField(
        choices=Action.Verb.choices,
        error_messages={"required": CHOOSE_A_VERB, "invalid_choice": CHOOSE_A_VERB},
    )
    note = forms.CharField(
        label="Reason",
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Told to the author when you hide their item; recorded with every action.",
    )
