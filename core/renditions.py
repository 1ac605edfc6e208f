"""Renditions: each stored image also kept as WebP at the exact sizes the pages show it.

A picture has a kind (poster, portrait, avatar, banner) that fixes its aspect ratio and the
display sizes pages use; every display size has a 1x and a 2x rendition. Renditions are made
once, when the image is saved (`core.images.CheckedImageField`) or by `make_renditions` for
older images, and their names follow from the original's (`posters/x.jpg` →
`posters/x.w64.webp`), so rendering a page computes addresses without asking the storage
anything.
"""

from __future__ import annotations

import io
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from PIL import Image, ImageOps

from core.colour import in_srgb

WEBP_QUALITY = 82
WEBP_METHOD = 4  # of 0 (fastest) to 6 (smallest)
# Large reductions start with a cheap box reduction; the result is hard to tell apart.
REDUCING_GAP = 2.0


@dataclass(frozen=True)
class Kind:
    """What a kind of picture looks like on the pages."""

    name: str
    aspect: tuple[int, int]  # width : height
    sizes: dict[str, int]  # display size → its width in CSS pixels
    # Where the crop keeps the picture when the original has another aspect: faces sit high.
    centering: tuple[float, float] = (0.5, 0.5)
    # Display sizes above the fold: loaded at once, and first.
    eager: frozenset[str] = frozenset()

    def height(self, width: int) -> int:
        return round(width * self.aspect[1] / self.aspect[0])

    @property
    def widths(self) -> tuple[int, ...]:
        """Every rendition's width: each display size at 1x and 2x."""
        return tuple(sorted({w * density for w in self.sizes.values() for density in (1, 2)}))


KINDS = {
    kind.name: kind
    for kind in (
        Kind(
            "poster",
            (2, 3),
            {"mini": 32, "card": 64, "tile": 128, "header": 220},
            eager=frozenset({"header"}),
        ),
        Kind(
            "portrait",
            (2, 3),
            {"card": 56, "header": 180},
            centering=(0.5, 0.3),
            eager=frozenset({"header"}),
        ),
        Kind(
            "avatar",
            (1, 1),
            {"sm": 32, "md": 48, "lg": 96},
            centering=(0.5, 0.4),
            eager=frozenset({"lg"}),
        ),
        # An episode's still, in the shape of the screen.
        Kind("still", (16, 9), {"thumb": 160}),
        # 1200 × 630 is the shape sites share links with; 40:21 keeps the heights whole.
        Kind("banner", (40, 21), {"thumb": 120, "wide": 800}, eager=frozenset({"wide"})),
    )
}


def rendition_name(name: str, width: int) -> str:
    """The stored name of an image's rendition `width` pixels wide."""
    root, _ = posixpath.splitext(name)
    return f"{root}.w{width}.webp"


def rendition_names(name: str, kind: Kind) -> list[str]:
    return [rendition_name(name, width) for width in kind.widths]


def missing_renditions(storage: Storage, name: str, kind: Kind) -> list[int]:
    """The widths whose rendition is not stored yet."""
    return [w for w in kind.widths if not storage.exists(rendition_name(name, w))]


def _prepared(image: Image.Image) -> Image.Image:
    # An original stored before profiles were applied may still carry one (core/colour.py).
    image = in_srgb(ImageOps.exif_transpose(image))
    has_alpha = "A" in image.getbands() or "transparency" in image.info
    wanted = "RGBA" if has_alpha else "RGB"
    return image if image.mode == wanted else image.convert(wanted)


def _cover(
    image: Image.Image, size: tuple[int, int], centering: tuple[float, float]
) -> Image.Image:
    """The image cropped to the aspect of `size` around `centering`, scaled to `size` exactly."""
    width, height = image.size
    aspect = size[0] / size[1]
    crop_w, crop_h = (
        (height * aspect, height) if width / height > aspect else (width, width / aspect)
    )
    left, top = (width - crop_w) * centering[0], (height - crop_h) * centering[1]
    box = (left, top, left + crop_w, top + crop_h)
    return image.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=REDUCING_GAP)


def make_renditions(
    storage: Storage,
    name: str,
    kind: Kind,
    *,
    source: IO[bytes] | None = None,
    widths: Iterable[int] | None = None,
) -> list[str]:
    """Store the renditions of the image stored as `name` (read from `source` when given).

    Each is cropped to the kind's aspect and resized to its exact width and height; an
    earlier file under a rendition's name is replaced. Returns the names written.
    """
    wanted = sorted(set(kind.widths if widths is None else widths), reverse=True)
    if not wanted:
        return []
    if source is None:
        with storage.open(name, "rb") as stored:
            image: Image.Image = Image.open(stored)
            image.load()
    else:
        source.seek(0)
        image = Image.open(source)
        image.load()
    image = _prepared(image)
    # Crop once at the largest size; the smaller ones are plain resizes of that crop.
    largest = _cover(image, (wanted[0], kind.height(wanted[0])), kind.centering)
    written = []
    for width in wanted:
        size = (width, kind.height(width))
        picture = largest
        if size != largest.size:
            picture = largest.resize(size, Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP)
        out = io.BytesIO()
        save_args: dict[str, object] = {"quality": WEBP_QUALITY, "method": WEBP_METHOD}
        picture.save(out, format="WEBP", **save_args)
        target = rendition_name(name, width)
        if storage.exists(target):
            storage.delete(target)
        written.append(storage.save(target, ContentFile(out.getvalue())))
    return written


def delete_renditions(storage: Storage, name: str, kind: Kind) -> None:
    for target in rendition_names(name, kind):
        storage.delete(target)
