"""The import page's form: one file, read whole within the size the site reads."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from .sources import FILE_MAX_BYTES, ROWS_MAX

ACCEPTED = ".xml,.gz,.json,.zip,.csv,.txt,application/xml,text/xml,application/json,text/csv"


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Your file",
        help_text=(
            f"A MyAnimeList export (XML, or the .xml.gz as downloaded), an AniList list (JSON), "
            f"a Letterboxd export (zip), a dramadb export (zip) or a spreadsheet saved as CSV. "
            f"Up to {FILE_MAX_BYTES // 2**20} MB and {ROWS_MAX:,} titles."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
        error_messages={
            "required": "Choose the file to import.",
            "empty": "The file is empty.",
        },
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > FILE_MAX_BYTES:
            raise ValidationError(
                f"The file is {upload.size / 2**20:.1f} MB; the most this page reads is "
                f"{FILE_MAX_BYTES // 2**20} MB. Upload the zip or .gz the other site gave you.",
                code="too_big",
            )
        self.filename = upload.name or ""
        return upload.read()
