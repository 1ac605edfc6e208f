from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=60, help_text="To tell your tokens apart, e.g. “my app”."
    )
