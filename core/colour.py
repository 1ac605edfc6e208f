"""Pixels in sRGB, with no colour profile kept.

An uploaded image may carry an ICC profile, which Pillow writes back byte for byte when asked
to; its bytes are whatever the uploader put there. So no profile is ever stored: one that
LittleCMS (Pillow's ImageCms) reads as a profile is applied to the pixels, which become sRGB,
the space browsers assume for an image without one; one it cannot read is dropped, and the
pixels are kept as they are.
"""

from __future__ import annotations

import io

from PIL import Image, ImageCms

SRGB = ImageCms.createProfile("sRGB")
# The modes whose pixels a profile is applied to, and the mode each becomes.
CONVERTED = {"RGB": "RGB", "RGBA": "RGBA", "CMYK": "RGB", "L": "L"}


def in_srgb(image: Image.Image) -> Image.Image:
    """`image` with its colour profile applied to its pixels when it is a readable one, and
    with no profile left in its `info`."""
    profile = image.info.pop("icc_profile", None)
    output = CONVERTED.get(image.mode)
    if not profile or output is None:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        converted = ImageCms.profileToProfile(image, source, SRGB, outputMode=output)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # not a profile, or not one for these pixels: dropped
    if converted is None:  # only when converting in place, which this does not ask for
        return image
    converted.info = {k: v for k, v in image.info.items() if k != "icc_profile"}
    return converted
