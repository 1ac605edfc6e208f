from django import forms

from .models import Kind


class PreferencesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label="Tell me about",
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="A kind left unticked is not notified at all.",
    )
    digest = forms.BooleanField(
        label="Send me a daily e-mail of what I have not read yet",
        required=False,
        help_text="One mail a day at most, only when something is new; every mail has a link "
        "to stop it.",
    )
