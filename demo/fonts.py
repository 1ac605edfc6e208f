"""Fonts for drawn pictures, and text set to fit a box.

Latin text uses DejaVu when it is installed and Pillow's own font otherwise; native titles
and names use Noto CJK (Debian's fonts-noto-cjk) when installed, in the face made for the
language. Text whose glyphs no font has is left out: drawing never fails for want of a font.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PIL import ImageDraw, ImageFont

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
LATIN_FILES = {
    "sans": "DejaVuSansCondensed-Bold.ttf",
    "serif": "DejaVuSerifCondensed-Bold.ttf",
    "label": "DejaVuSans-Bold.ttf",
}
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
# The faces inside the Noto CJK collection, by the language tags titles carry.
CJK_FACES = {"ja": 0, "ko": 1, "zh-Hans": 2, "zh-Hant": 3, "zh": 2}
NOT_A_CHARACTER = "\uffff"


@cache
def latin(style: str, size: int) -> Font:
    path = DEJAVU / LATIN_FILES.get(style, LATIN_FILES["sans"])
    try:
        return ImageFont.truetype(str(path), size)
    except OSError:
        return ImageFont.load_default(size=size)


@cache
def native(language: str, size: int) -> Font | None:
    """The Noto CJK face for `language` (Japanese when unknown), or None when not installed."""
    try:
        return ImageFont.truetype(str(NOTO_CJK), size, index=CJK_FACES.get(language, 0))
    except OSError:
        return None


@cache
def _missing_glyph(font: Font) -> bytes:
    return _glyph(font, NOT_A_CHARACTER)


def _glyph(font: Font, character: str) -> bytes:
    mask = font.getmask(character)
    return bytes(mask.size) + bytes(mask)


def covers(font: Font | None, text: str) -> bool:
    """Whether `font` draws every visible character of `text` (none falls to the empty box)."""
    if font is None:
        return False
    missing = _missing_glyph(font)
    return all(character.isspace() or _glyph(font, character) != missing for character in text)


def width_of(font: Font, text: str) -> float:
    left, _, right, _ = font.getbbox(text)
    return right - left


def wrap(font: Font, text: str, width: float) -> list[str]:
    """Lines of `text` no wider than `width`: at spaces, or between characters for text
    written without spaces (CJK) and for single words too long for a line."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and width_of(font, candidate) <= width:
            lines[-1] = candidate
            continue
        piece = ""
        for character in word:
            if piece and width_of(font, piece + character) > width:
                lines.append(piece)
                piece = ""
            piece += character
        lines.append(piece)
    return lines


def fit(
    text: str,
    width: float,
    max_lines: int,
    sizes: range,
    font_for: FontMaker,
    *,
    max_height: float | None = None,
    leading: float = 1.12,
) -> tuple[Font, list[str]]:
    """The largest font among `sizes` that sets `text` in at most `max_lines` lines (and
    `max_height`); failing that, the smallest size's first lines, the last cut short by "…"."""
    font = font_for(sizes[0])
    lines: list[str] = []
    for size in sizes:
        font = font_for(size)
        lines = wrap(font, text, width)
        if len(lines) <= max_lines and (
            max_height is None or block_height(lines, font, leading) <= max_height
        ):
            return font, lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and width_of(font, last + "…") > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return font, kept


class FontMaker:
    """A callable giving the font of one family at a size."""

    def __init__(self, style: str = "sans", language: str | None = None) -> None:
        self.style = style
        self.language = language

    def __call__(self, size: int) -> Font:
        if self.language is not None and (font := native(self.language, size)) is not None:
            return font
        return latin(self.style, size)


def line_height(font: Font) -> int:
    """From a line's top (its ascender) to the bottom of its descenders."""
    return int(font.getbbox("Hg国")[3])


def draw_lines(
    draw: ImageDraw.ImageDraw,
    lines: list[str],
    font: Font,
    *,
    left: float,
    top: float,
    fill: tuple[int, ...],
    leading: float = 1.12,
) -> float:
    """Draw lines from `top` down; returns the y below the last one."""
    step = line_height(font) * leading
    y = top
    for line in lines:
        draw.text((left, y), line, font=font, fill=fill)
        y += step
    return y


def block_height(lines: list[str], font: Font, leading: float = 1.12) -> float:
    if not lines:
        return 0
    return line_height(font) * (leading * (len(lines) - 1) + 1)
