"""Checked image uploads: posters, people photos, avatars and article images.

Every upload is inspected with Pillow before it is accepted: only JPEG, PNG and
WebP, within a byte and a pixel budget, and decoded fully so a truncated or
forged file is caught. The accepted image is then re-encoded from its pixels, keeping only
its orientation and colour profile, both applied to the pixels (core/colour.py: they become
sRGB, and no profile is stored), which drops any trailing payload, comment, metadata or
profile bytes a polyglot file could carry.

A field given a `kind` (core.renditions.KINDS) also stores the image's renditions whenever
an image is saved through it: from the admin, a member's profile form or the demo.
"""

from __future__ import annotations

import io
import posixpath
import warnings
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from PIL import Image, ImageOps

from core.colour import in_srgb
from core.renditions import KINDS, Kind, delete_renditions, make_renditions

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# What re-encoding keeps besides the pixels: a palette's transparency.
KEPT_INFO = ("transparency",)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def checked_image(upload: File) -> SimpleUploadedFile:
    """Validate an uploaded image and return a re-encoded copy, or raise ValidationError."""
    max_bytes = settings.IMAGE_MAX_BYTES
    max_pixels = settings.IMAGE_MAX_PIXELS
    if upload.size > max_bytes:
        raise forms.ValidationError(
            "This file is %(size)s; images may be at most %(limit)s.",
            code="too_large",
            params={"size": _megabytes(upload.size), "limit": _megabytes(max_bytes)},
        )
    upload.seek(0)

    def too_many_pixels(dimensions: str = "") -> forms.ValidationError:
        return forms.ValidationError(
            "This image has too many pixels%(dimensions)s; images may have at most "
            "%(limit)s megapixels.",
            code="too_many_pixels",
            params={"dimensions": dimensions, "limit": max_pixels // 1_000_000},
        )

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                image: Image.Image = Image.open(upload)
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
                # Pillow refuses absurd sizes before we can read them.
                raise too_many_pixels() from exc
            kind = image.format
            if kind not in ALLOWED_FORMATS:
                raise forms.ValidationError(
                    "Only JPEG, PNG or WebP images are accepted.", code="bad_format"
                )
            width, height = image.size
            if width * height > max_pixels:
                raise too_many_pixels(f" ({width} × {height})")
            image.load()
    except forms.ValidationError:
        raise
    except (
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise forms.ValidationError(
            "This file is not a JPEG, PNG or WebP image, or it is damaged.", code="invalid"
        ) from exc

    image = ImageOps.exif_transpose(image)  # orientation goes into the pixels
    image = in_srgb(image)  # and so does the colour profile, if it is one
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # Only what the picture needs survives: Pillow would write a JPEG comment, EXIF or XMP
    # kept in `info` back into the new file, and any of them can carry a payload.
    image.info = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    out = io.BytesIO()
    save_args: dict[str, Any] = (
        {"quality": 88, "optimize": True} if kind in ("JPEG", "WEBP") else {"optimize": True}
    )
    image.save(out, format=kind, **save_args)
    stem = PurePath(getattr(upload, "name", "") or "image").stem[:80] or "image"
    return SimpleUploadedFile(
        f"{stem}.{ALLOWED_FORMATS[kind]}", out.getvalue(), content_type=CONTENT_TYPES[kind]
    )


class CheckedImageFormField(forms.FileField):
    """A file field that accepts only images passing `checked_image`, re-encoded."""

    widget = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def to_python(self, data: File | None) -> File | None:
        upload = super().to_python(data)
        if upload is None:
            return None
        return checked_image(upload)


def _plain_name(name: str) -> str:
    """The name with no dot before its extension, so no original can be named like a
    rendition (`x.w64.webp`) and be overwritten by another image's renditions."""
    root, extension = posixpath.splitext(name)
    folder, stem = posixpath.split(root)
    return posixpath.join(folder, stem.replace(".", "-") + extension)


class CheckedImageFieldFile(ImageFieldFile):
    """A stored image that keeps its renditions next to it."""

    field: CheckedImageField

    def save(self, name: str, content: File, save: bool = True) -> None:
        super().save(_plain_name(name), content, save=False)
        if self.name and (kind := self.field.picture_kind) is not None:
            source = None if getattr(content, "closed", False) else content
            make_renditions(self.storage, self.name, kind, source=source)
        if save:
            self.instance.save()

    save.alters_data = True  # type: ignore[attr-defined]

    def delete(self, save: bool = True) -> None:
        if self.name and (kind := self.field.picture_kind) is not None:
            delete_renditions(self.storage, self.name, kind)
        super().delete(save=save)

    delete.alters_data = True  # type: ignore[attr-defined]


class CheckedImageField(models.ImageField):
    """An ImageField whose forms (admin included) check and re-encode every upload, and
    which stores the renditions of its `kind` with every image saved through it."""

    attr_class = CheckedImageFieldFile

    def __init__(self, *args: Any, kind: str | None = None, **kwargs: Any) -> None:
        if kind is not None and kind not in KINDS:
            raise ValueError(f"Unknown picture kind {kind!r}; expected one of {sorted(KINDS)}.")
        # Left out of deconstruct(): it changes no column, and migrations make no pictures.
        self.picture_kind: Kind | None = KINDS[kind] if kind else None
        super().__init__(*args, **kwargs)

    def formfield(
        self,
        form_class: type[forms.Field] | None = None,
        choices_form_class: type[forms.ChoiceField] | None = None,
        **kwargs: Any,
    ) -> forms.Field | None:
        return super().formfield(
            form_class=form_class or CheckedImageFormField,
            choices_form_class=choices_form_class,
            **kwargs,
        )
