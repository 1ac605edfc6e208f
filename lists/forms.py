from django import forms

from .models import ITEM_NOTE_MAX_LENGTH, CustomList, CustomListItem


class CustomListForm(forms.ModelForm):
    class Meta:
        model = CustomList
        fields = ["name", "description", "is_private"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class AddToListForm(forms.Form):
    """A title onto one of the member's lists, from the title page."""

    custom_list = forms.ModelChoiceField(queryset=CustomList.objects.none(), label="List")
    note = forms.CharField(required=False, max_length=ITEM_NOTE_MAX_LENGTH, label="Note")

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["custom_list"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = CustomList.objects.filter(user=user).order_by("name")


class ItemNoteForm(forms.ModelForm):
    """The member's note on one title of their list."""

    class Meta:
        model = CustomListItem
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"note": f"Up to {ITEM_NOTE_MAX_LENGTH:,} characters, shown with the title."}
