import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

from core.images import checked_image

PAYLOAD = b"<script>alert(1)</script>"


def upload(image: Image.Image, kind: str, **save_args) -> SimpleUploadedFile:
    out = io.BytesIO()
    image.save(out, format=kind, **save_args)
    return SimpleUploadedFile(f"poster.{kind.lower()}", out.getvalue())


@pytest.mark.parametrize("kind", ["JPEG", "WEBP"])
def test_re_encoding_drops_comments_exif_and_xmp(kind):
    exif = Image.Exif()
    exif[0x010E] = PAYLOAD.decode()  # ImageDescription
    args = {"exif": exif, "xmp": PAYLOAD}
    if kind == "JPEG":
        args["comment"] = PAYLOAD
    original = upload(Image.new("RGB", (40, 30), "teal"), kind, **args)
    assert PAYLOAD in original.read()

    cleaned = checked_image(original).read()

    assert PAYLOAD not in cleaned
    assert Image.open(io.BytesIO(cleaned)).size == (40, 30)


def test_re_encoding_puts_orientation_and_colour_profile_into_the_pixels():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: shown 90° clockwise
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    original = upload(Image.new("RGB", (40, 30), "teal"), "JPEG", exif=exif, icc_profile=profile)

    cleaned = Image.open(io.BytesIO(checked_image(original).read()))

    assert cleaned.size == (30, 40)
    assert (
        "icc_profile" not in cleaned.info
    )  # applied to the pixels: tests/core/test_colour_profiles.py
    assert cleaned.getexif().get(0x0112) is None
