from django import forms

from titles.models import Title

from .models import REASON_MAX_LENGTH, REASON_MIN_LENGTH


class RecommendationForm(forms.Form):
    """The other title (chosen from search results) and the reason.

    The rules on the pair and the reason's length live in services.recommendation_add, which
    the view calls; its messages land on these fields.
    """

    other = forms.IntegerField(
        min_value=1,
        error_messages={
            "required": "Choose the title you recommend from the search results.",
            "invalid": "Choose the title you recommend from the search results.",
            "min_value": "There is no such title; choose one from the search results.",
        },
    )
    reason = forms.CharField(
        label="Why do you recommend it?",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "minlength": REASON_MIN_LENGTH}),
        help_text=(
            f"At least {REASON_MIN_LENGTH} characters: what do the two titles share, and "
            "who would enjoy both?"
        ),
        error_messages={
            "required": f"Please explain your recommendation in at least {REASON_MIN_LENGTH} "
            "characters.",
            "max_length": f"A reason may be at most {REASON_MAX_LENGTH} characters long.",
        },
    )

    def clean_other(self) -> Title:
        pk = self.cleaned_data["other"]
        title = Title.objects.filter(pk=pk).first()
        if title is None:
            raise forms.ValidationError(
                f"There is no title with id {pk}; choose one from the search results.",
                code="unknown_title",
            )
        return title
