"""Pictures drawn from a record's own data, for the demo: posters, portraits and avatars.

Nothing is copied: colours come from a seed (a title's name and genres, a person's or a
member's name), the shapes are drawn here, and the only words are the record's own. The same
input always gives the same picture, so file names can be derived from it.
"""

from __future__ import annotations

import io
import random
import zlib
from collections.abc import Sequence

from PIL import Image, ImageDraw

from core.templatetags.pictures import initials
from demo import fonts
from demo.motifs import (
    BRIGHT_GENRES,
    GENRE_MOTIFS,
    MOTIFS,
    RGBA,
    SUPERSAMPLE,
    Palette,
    gradient,
    hls,
    motif_layer,
    new_layer,
    with_alpha,
)

POSTER_SIZE = (600, 900)
PORTRAIT_SIZE = (400, 600)
AVATAR_SIZE = (256, 256)
TITLE_LEADING = 0.92


def seed_number(*parts: object) -> int:
    """A stable number from any values (not Python's hash(), which changes every run)."""
    return zlib.crc32("\x1f".join(map(str, parts)).encode())


def _tracked(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    font: fonts.Font,
    fill: RGBA,
    tracking: float,
) -> None:
    x, y = xy
    for character in text:
        draw.text((x, y), character, font=font, fill=fill)
        x += fonts.width_of(font, "n" if character.isspace() else character) + tracking


def poster(
    *,
    title: str,
    native_title: str = "",
    language: str = "",
    genres: Sequence[str] = (),
    caption: str = "",
) -> Image.Image:
    """A 2:3 poster: its own colours and motif, the title large, the native title under it
    (when a font has its glyphs) and a small caption such as "DRAMA · 2005" at the top."""
    keys = [g.lower() for g in genres]
    rng = random.Random(seed_number("poster", title, *keys))
    light = rng.random() < (0.5 if BRIGHT_GENRES & set(keys) else 0.18)
    palette = Palette.from_seed(rng, light)
    width, height = POSTER_SIZE
    image = gradient(POSTER_SIZE, palette.top, palette.bottom)
    choices = sorted({m for key in keys for m in GENRE_MOTIFS.get(key, ())}) or sorted(MOTIFS)
    motif = MOTIFS[rng.choice(choices)]
    art_height = round(height * 0.64)
    image.alpha_composite(motif_layer((width, art_height), motif, palette, rng))
    # The caption's strip and the lower part, for words, fade the motif out at its edges.
    image.alpha_composite(gradient((width, 110), palette.top, with_alpha(palette.top, 0)))
    image.alpha_composite(
        gradient((width, 120), with_alpha(palette.bottom, 0), palette.bottom), (0, art_height - 120)
    )
    image.alpha_composite(
        Image.new("RGBA", (width, height - art_height), palette.bottom), (0, art_height)
    )

    draw = ImageDraw.Draw(image)
    margin, text_width = 44, width - 88
    if caption:
        _tracked(draw, (margin, 34), caption.upper(), fonts.latin("label", 20), palette.soft_ink, 3)
    style = "serif" if rng.random() < 0.4 else "sans"
    title_font: fonts.Font = fonts.latin(style, 40)
    title_lines: list[str] = []
    if maker := _title_maker(title, style, language):
        title_font, title_lines = fonts.fit(
            title, text_width, 3, range(92, 39, -4), maker, max_height=230, leading=TITLE_LEADING
        )
    native: tuple[fonts.Font, list[str]] | None = None
    if (
        native_title
        and native_title != title
        and fonts.covers(fonts.native(language, 34), native_title)
    ):
        native = fonts.fit(
            native_title, text_width, 2, range(38, 25, -4), fonts.FontMaker(language=language)
        )
    native_block = fonts.block_height(native[1], native[0]) + 26 if native else 0
    title_block = fonts.block_height(title_lines, title_font, leading=TITLE_LEADING)
    top = height - 52 - native_block - title_block
    draw.rectangle((margin, top - 26, margin + 56, top - 20), fill=palette.accent)
    below = fonts.draw_lines(
        draw, title_lines, title_font, left=margin, top=top, fill=palette.ink, leading=TITLE_LEADING
    )
    if native:
        fonts.draw_lines(
            draw, native[1], native[0], left=margin, top=below + 26, fill=palette.soft_ink
        )
    return image.convert("RGB")


def _title_maker(title: str, style: str, language: str) -> fonts.FontMaker | None:
    """The fonts that can set the title: Latin, else the native script's; else none (an
    untitled poster is better than one of empty boxes)."""
    for maker in (fonts.FontMaker(style), fonts.FontMaker(language=language)):
        if fonts.covers(maker(40), title):
            return maker
    return None


def portrait(*, name: str, seed: object = "") -> Image.Image:
    """A 2:3 portrait placeholder: a stylised head and shoulders, the initials on the chest."""
    rng = random.Random(seed_number("portrait", name, seed))
    hue = rng.randrange(24) / 24
    width, height = PORTRAIT_SIZE
    image = gradient(PORTRAIT_SIZE, hls(hue, 0.82, 0.45), hls(hue + 0.06, 0.66, 0.5))
    s = SUPERSAMPLE
    layer, draw = new_layer((width * s, height * s))
    cx, cy = width * s / 2, height * s * 0.37
    for k in range(4, 0, -1):  # a halo of rings behind the head
        r = (80 + 44 * k) * s
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=hls(hue, 0.74 + 0.035 * k, 0.5, 150))
    figure = hls(hue + rng.choice([0, 0.5]), 0.3, 0.35)
    head_w, head_h = rng.uniform(84, 94) * s, rng.uniform(102, 112) * s
    draw.ellipse((cx - head_w, cy - head_h, cx + head_w, cy + head_h), fill=figure)
    draw.rectangle((cx - 30 * s, cy + 70 * s, cx + 30 * s, cy + 160 * s), fill=figure)
    top = cy + 142 * s
    shoulders = rng.uniform(160, 180) * s
    draw.rounded_rectangle(
        (cx - shoulders, top, cx + shoulders, top + 400 * s), radius=140 * s, fill=figure
    )
    image.alpha_composite(layer.reduce(SUPERSAMPLE))
    letters = initials(name)
    font = fonts.latin("label", 64)
    if not fonts.covers(font, letters):
        font = fonts.native("", 60) or font
    if letters and fonts.covers(font, letters):
        _centred(
            ImageDraw.Draw(image), (width / 2, height * 0.84), letters, font, hls(hue, 0.93, 0.4)
        )
    return image.convert("RGB")


def _centred(
    draw: ImageDraw.ImageDraw, centre: tuple[float, float], text: str, font: fonts.Font, fill: RGBA
) -> None:
    left, top, right, bottom = font.getbbox(text)
    draw.text(
        (centre[0] - (left + right) / 2, centre[1] - (top + bottom) / 2), text, font=font, fill=fill
    )


def _tiles(draw: ImageDraw.ImageDraw, size: int, rng: random.Random, colours: list[RGBA]) -> None:
    pattern = rng.choice(["blocks", "dots", "triangles", "stripes"])
    cells = 5 if pattern == "blocks" else 4
    step = size / cells
    picks = [[rng.randrange(3) for _ in range(cells)] for _ in range(cells)]
    for i in range(cells):
        for j in range(cells):
            # Mirrored left to right, as faces and emblems are.
            pick = picks[min(i, cells - 1 - i)][j]
            colour = colours[pick]
            x, y = i * step, j * step
            if pattern == "blocks" and pick:
                draw.rectangle((x, y, x + step, y + step), fill=colour)
            elif pattern == "dots":
                r = step * (0.18 + 0.12 * pick)
                draw.ellipse(
                    (x + step / 2 - r, y + step / 2 - r, x + step / 2 + r, y + step / 2 + r),
                    fill=colour,
                )
            elif pattern == "triangles":
                corners = [(x, y), (x + step, y), (x + step, y + step), (x, y + step)]
                del corners[(pick + (i < cells / 2)) % 4]
                draw.polygon(corners, fill=colour)
            elif pattern == "stripes" and (i + j) % 2 == 0:
                draw.polygon(
                    [
                        (x, y + step),
                        (x + step, y),
                        (x + step, y + step / 2),
                        (x + step / 2, y + step),
                    ],
                    fill=colour,
                )


def avatar(*, name: str, seed: object = "") -> Image.Image:
    """A square avatar: a pattern in two tones of the member's colour, the initial on a disc."""
    rng = random.Random(seed_number("avatar", name, seed))
    hue = rng.randrange(24) / 24
    side = AVATAR_SIZE[0] * SUPERSAMPLE
    image = Image.new("RGBA", (side, side), hls(hue, 0.84, 0.5))
    draw = ImageDraw.Draw(image)
    _tiles(
        draw,
        side,
        rng,
        [hls(hue, 0.72, 0.55), hls(hue + 0.08, 0.64, 0.5), hls(hue - 0.06, 0.76, 0.45)],
    )
    r = side * 0.31
    draw.ellipse(
        (side / 2 - r, side / 2 - r, side / 2 + r, side / 2 + r), fill=hls(hue, 0.28, 0.45)
    )
    image = image.reduce(SUPERSAMPLE)
    letter = initials(name, letters=1)
    font = fonts.latin("label", 92)
    if not fonts.covers(font, letter):
        font = fonts.native("", 86) or font
    if letter and fonts.covers(font, letter):
        _centred(
            ImageDraw.Draw(image),
            (AVATAR_SIZE[0] / 2, AVATAR_SIZE[1] / 2),
            letter,
            font,
            hls(hue, 0.95, 0.5),
        )
    return image.convert("RGB")


def jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90, optimize=True)
    return out.getvalue()
