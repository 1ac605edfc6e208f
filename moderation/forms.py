from django import forms

from .models import Action, Report


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["reason", "note"]
        widgets = {
            "reason": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"reason": "What is wrong with it?"}
        help_texts = {"note": "Optional. The author never learns who reported them."}


class ActionForm(forms.Form):
    verb = forms.ChoiceField(choices=Action.Verb.choices)
    note = forms.CharField(
        label="Reason",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Told to the author when you hide their item or suspend them.",
    )
