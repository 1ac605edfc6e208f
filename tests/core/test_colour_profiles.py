"""A colour profile is never stored as uploaded: one that ImageCms reads is applied to the
pixels (they become sRGB, which browsers assume), and any profile is then left out of the
stored original and of every rendition, so no bytes of it can carry a payload."""

import io

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

from core.images import checked_image
from core.renditions import KINDS, make_renditions

PAYLOAD = b"<script>alert(1)</script>"
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
TEAL = (0, 128, 128)


def jpeg(profile: bytes) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (90, 60), TEAL).save(out, format="JPEG", quality=95, icc_profile=profile)
    assert profile in out.getvalue()
    return SimpleUploadedFile("face.jpg", out.getvalue())


def stored_files(storage: FileSystemStorage, name: str) -> list[bytes]:
    """The original and each rendition of `name`, as stored."""
    names = [name, *make_renditions(storage, name, KINDS["avatar"])]
    return [storage.open(each).read() for each in names]


@pytest.mark.parametrize("profile", [PAYLOAD, SRGB], ids=["payload", "valid sRGB"])
def test_no_profile_survives_in_the_original_or_its_renditions(tmp_path, profile):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("avatars/face.jpg", checked_image(jpeg(profile)))

    files = stored_files(storage, name)

    assert len(files) == 1 + len(KINDS["avatar"].widths)
    for data in files:
        assert profile not in data
        assert b"<script>" not in data
        assert "icc_profile" not in Image.open(io.BytesIO(data)).info


def test_a_valid_profile_is_applied_to_the_pixels(tmp_path):
    cleaned = Image.open(io.BytesIO(checked_image(jpeg(SRGB)).read())).convert("RGB")

    assert all(abs(a - b) <= 3 for a, b in zip(cleaned.getpixel((45, 30)), TEAL, strict=True))


def test_renditions_of_an_original_stored_with_a_payload_leave_it_out(tmp_path):
    # An original stored before profiles were checked still has its profile.
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("avatars/old.jpg", jpeg(PAYLOAD))

    renditions = stored_files(storage, name)[1:]

    assert renditions and all(PAYLOAD not in data for data in renditions)
