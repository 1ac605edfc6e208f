"""Colours and motifs for drawn posters (demo.artwork): a palette from a seed, and a few
simple shapes (a low sun, rings, waves, a crescent, rays, dots, peaks, a drop, petals, a pulse)
that a title's genres choose among."""

from __future__ import annotations

import colorsys
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw

SUPERSAMPLE = 2  # shapes are drawn twice as large and scaled down, for smooth edges

RGBA = tuple[int, int, int, int]


def hls(hue: float, lightness: float, saturation: float, alpha: int | None = None) -> RGBA:
    r, g, b = colorsys.hls_to_rgb(hue % 1.0, lightness, saturation)
    return (round(r * 255), round(g * 255), round(b * 255), 255 if alpha is None else alpha)


def with_alpha(colour: RGBA, alpha: int) -> RGBA:
    return (*colour[:3], alpha)


@dataclass(frozen=True)
class Palette:
    top: RGBA
    bottom: RGBA
    accent: RGBA
    second: RGBA
    ink: RGBA
    soft_ink: RGBA

    @classmethod
    def from_seed(cls, rng: random.Random, light: bool) -> Palette:
        hue = rng.randrange(24) / 24
        turn = rng.choice([0.08, 0.12, 0.5, 0.58, -0.1])  # neighbour or opposite hue
        if light:
            return cls(
                top=hls(hue, 0.9, 0.55),
                bottom=hls(hue + 0.04, 0.8, 0.5),
                accent=hls(hue + turn, 0.55, 0.65),
                second=hls(hue, 0.45, 0.45),
                ink=hls(hue, 0.16, 0.6),
                soft_ink=hls(hue, 0.3, 0.45),
            )
        return cls(
            top=hls(hue, 0.14, 0.5),
            bottom=hls(hue + 0.05, 0.3, 0.55),
            accent=hls(hue + turn, 0.68, 0.7),
            second=hls(hue + turn / 2, 0.5, 0.55),
            ink=hls(hue, 0.96, 0.4),
            soft_ink=hls(hue, 0.82, 0.35),
        )


def new_layer(size: tuple[int, int]) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    return layer, ImageDraw.Draw(layer)


def gradient(size: tuple[int, int], top: RGBA, bottom: RGBA) -> Image.Image:
    # A one-pixel column stretched sideways: far cheaper than resizing the whole square.
    mask = Image.linear_gradient("L").resize((1, size[1])).resize(size, Image.Resampling.NEAREST)
    return Image.composite(Image.new("RGBA", size, bottom), Image.new("RGBA", size, top), mask)


# Motifs: each fills a transparent layer of size (w, h) with a few shapes.
Motif = Callable[[ImageDraw.ImageDraw, int, int, Palette, random.Random], None]


def _sun(draw: ImageDraw.ImageDraw, w: int, h: int, p: Palette, rng: random.Random) -> None:
    cx, cy, r = w * rng.uniform(0.35, 0.65), h * 0.55, w * 0.3
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p.accent)
    gap = r * 0.07
    for i in range(6):  # the slits of a low sun, wider towards the horizon
        y = cy + r * 0.05 + i * r * 0.17
        draw.rectangle((0, y, w, y + gap * (1 + i * 0.45)), fill=(0, 0, 0, 0))
    draw.rectangle((0, h * 0.93, w, h * 0.94), fill=with_alpha(p.accent, 120))


def _rings(draw: ImageDraw.ImageDraw, w: int, h: int, p: Palette, rng: random.Random) -> None:
    cx, cy = w * rng.uniform(0.25, 0.75), h * rng.uniform(0.35, 0.55)
    line = round(w * 0.02)
    for k in range(9, 0, -1):
        r = k * w * 0.075
        colour = p.accent if k % 2 else p.second
        draw.ellipse(
            (cx - r, cy - r, cx + r, cy + r), outline=with_alpha(colour, 250 - k * 20), width=line
        )
    draw.ellipse((cx - w * 0.04, cy - w * 0.04, cx + w * 0.04, cy + w * 0.04), fill=p.accent)


def _waves(draw: ImageDraw.ImageDraw, w: int, h: int, p: Palette, rng: random.Random) -> None:
    r = w * 0.09
    draw.ellipse((w * 0.7 - r, h * 0.25 - r, w * 0.7 + r, h * 0.25 + r), fill=p.accent)
    for k in range(5):
        base, amplitude = h * (0.5 + k * 0.1), h * (0.035 + 0.01 * k)
        phase, length = rng.uniform(0, math.tau), w / rng.uniform(0.8, 1.6)
        points = [
            (x, base + amplitude * math.sin(phase + math.tau * x / length))
            for x in range(0, w + 8, 8)
        ]
        colour = p.second if k % 2 else p.accent
        draw.polygon([*points, (w, h), (0, h)], fill=with_alpha(colour, 90 + k * 30))


def _stars(draw: ImageDraw.ImageDraw, w: int, h: int, p: Palette, rng: random.Random) -> None:
    for _ in range(60):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(1, 4) * SUPERSAMPLE
        draw.ellipse((x - r, y - r, x + r, y + r), fill=with_alpha(p.ink, rng.randrange(90, 230)))
    for _ in range(4):  # four-pointed sparkles
        x, y, r = rng.uniform(w * 0.1, w * 0.9), rng.uniform(h * 0.1, h * 0.8), w * 0.03
        draw.polygon(
            [
                (x, y - r),
                (x + r / 4, y - r / 4),
                (x + r, y),
                (x + r / 4, y + r / 4),
                (x, y + r),
                (x - r / 4, y + r / 4),
                (x - r, y),
                (x - r / 4, y - r / 4),
            ],
            fill=p.accent,
        )
    cx, cy, r = w * rng.uniform(0.45, 0.7), h * 0.4, w * 0.24
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p.accent)
    dx, dy = r * 0.45, -r * 0.3  # the shadow that makes it a crescent
    draw.ellipse((cx - r + dx, cy - r + dy, cx + r + dx, cy + r + dy), fill=(0, 0, 0, 0))


def _rays(draw: ImageDraw.ImageDraw, w: int, h: int, p: Palette, rng: random.Random) -> None:
    ox, oy, reach = w * rng.uniform(0.3, 0.7), h * 1.02, h * 2
    count = rng.choice([12, 16, 20])
    for i in range(count):
        if i % 2:
            continue
        a0, a1 = math.pi + math.pi * i / count, math.pi + math.pi * (i + 1) / count
        draw.polygon(
            [
                (ox, oy),
                (ox + reach * math.cos(a0), oy + reach * math.sin(a0)),
                (ox + reach * math.cos(a1), oy + reach * math.sin(a1)),
            ],
            fill=with_alpha(p.accent, 120),
        )
    r = w * 0.16
    draw.ellipse((ox - r, oy - r, ox + r, oy + r), fill=p.accent)


def _dots(draw: ImageDraw.ImageDraw, w: int, h: int, p: Palette, rng: random.Random) -> None:
    columns, rows = 7, 8
    step_x, step_y = w / columns, h * 0.92 / rows
    phase = rng.uniform(0, math.tau)
    for i in range(columns):
        for j in range(rows):
            grow = 0.5 + 0.5 * math.sin(phase + (i + j) * 0.55)
            r = step_x * (0.1 + 0.32 * grow)
            x, y = step_x * (i + 0.5), step_y * (j + 0.5)
            colour = p.accent if (i * 3 + j) % 5 else p.second
            draw.ellipse(
                (x - r, y - r, x + r, y + r), fill=with_alpha(colour, 110 + int(140 * grow))
            )


def _peaks(draw: ImageDraw.ImageDraw, w: int, h: int, p: Palette, rng: random.Random) -> None:
    r = w * 0.1
    sx = w * rng.uniform(0.2, 0.8)
    draw.ellipse((sx - r, h * 0.3 - r, sx + r, h * 0.3 + r), fill=p.accent)
    for k in range(3):
        base = h * (0.62 + 0.13 * k)
        points, x = [(0.0, base)], 0.0
        while x < w:
            x += w * rng.uniform(0.18, 0.35)
            points.append((x, base - h * rng.uniform(0.08, 0.26)))
            x += w * rng.uniform(0.1, 0.2)
            points.append((x, base - h * rng.uniform(0.0, 0.06)))
        colour = [p.second, p.accent, p.second][k]
        draw.polygon([*points, (w, h), (0, h)], fill=with_alpha(colour, 110 + 55 * k))


def _drop(draw: ImageDraw.ImageDraw, w: int, h: int, p: Palette, rng: random.Random) -> None:
    cx, cy, r = w * rng.uniform(0.4, 0.6), h * 0.5, w * 0.17
    for k in range(5, 0, -1):  # ripples under the drop
        rx, ry = r * (0.8 + k * 0.42), r * (0.16 + k * 0.08)
        y = h * 0.88
        draw.ellipse(
            (cx - rx, y - ry, cx + rx, y + ry),
            outline=with_alpha(p.accent, 60 + 30 * k),
            width=round(w * 0.008),
        )
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p.accent)
    tip = cy - r * 2.3
    draw.polygon(
        [(cx - r * 0.94, cy - r * 0.34), (cx, tip), (cx + r * 0.94, cy - r * 0.34)], fill=p.accent
    )
    s = r * 0.22  # a highlight
    draw.ellipse(
        (cx - r * 0.55 - s, cy - r * 0.1 - s, cx - r * 0.55 + s, cy - r * 0.1 + s),
        fill=with_alpha(p.ink, 150),
    )


def _petals(draw: ImageDraw.ImageDraw, w: int, h: int, p: Palette, rng: random.Random) -> None:
    for _ in range(2):
        cx, cy = w * rng.uniform(0.15, 0.85), h * rng.uniform(0.25, 0.65)
        count, r = rng.choice([5, 6, 8]), w * rng.uniform(0.1, 0.16)
        for i in range(count):
            angle = math.tau * i / count
            x, y = cx + r * math.cos(angle), cy + r * math.sin(angle)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=with_alpha(p.accent, 95))
        draw.ellipse((cx - r * 0.35, cy - r * 0.35, cx + r * 0.35, cy + r * 0.35), fill=p.second)


def _pulse(draw: ImageDraw.ImageDraw, w: int, h: int, p: Palette, rng: random.Random) -> None:
    for i in range(1, 8):  # a faint chart grid
        draw.line((w * i / 8, 0, w * i / 8, h), fill=with_alpha(p.ink, 28), width=SUPERSAMPLE)
        draw.line((0, h * i / 8, w, h * i / 8), fill=with_alpha(p.ink, 28), width=SUPERSAMPLE)
    y, beat = h * 0.55, w * rng.uniform(0.35, 0.55)
    shape = [
        (0, 0),
        (0.3, 0),
        (0.36, -0.08),
        (0.42, 0),
        (0.48, 0.1),
        (0.55, -0.5),
        (0.62, 0.25),
        (0.68, 0),
        (0.78, -0.06),
        (0.86, 0),
        (1, 0),
    ]
    points = [(beat - w * 0.5 + w * x, y + h * 0.4 * dy) for x, dy in shape]
    draw.line([(0, y), *points, (w, y)], fill=p.accent, width=round(w * 0.018), joint="curve")


MOTIFS: dict[str, Motif] = {
    "sun": _sun,
    "rings": _rings,
    "waves": _waves,
    "stars": _stars,
    "rays": _rays,
    "dots": _dots,
    "peaks": _peaks,
    "drop": _drop,
    "petals": _petals,
    "pulse": _pulse,
}
GENRE_MOTIFS = {
    "romance": ("petals", "sun"),
    "drama": ("drop", "waves", "sun"),
    "melodrama": ("drop", "petals"),
    "medical": ("pulse", "drop"),
    "fantasy": ("stars",),
    "music": ("rings", "dots"),
    "comedy": ("rays", "dots"),
    "youth": ("dots", "rays", "sun"),
    "family": ("peaks", "waves"),
    "animation": ("stars", "waves"),
    "thriller": ("rings", "peaks"),
    "historical": ("peaks", "sun"),
}
BRIGHT_GENRES = {"comedy", "youth", "family", "animation", "music"}


def motif_layer(
    size: tuple[int, int], motif: Motif, palette: Palette, rng: random.Random
) -> Image.Image:
    """The motif drawn on a transparent layer of `size`, with smooth edges."""
    w, h = size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE
    layer, draw = new_layer((w, h))
    motif(draw, w, h, palette, rng)
    return layer.reduce(SUPERSAMPLE)  # each pixel the mean of a square: smooth edges
