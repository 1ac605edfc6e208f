"""`{% picture %}`: an image at one of its kind's display sizes, or a drawn stand-in.

    {% picture title.poster "poster" "card" seed=title.pk label=title.title %}
    {% picture person.photo "portrait" "header" alt="Photo of "|add:person.name %}

With an image, an <img> whose 1x and 2x candidates are the renditions stored with it
(core.renditions), its exact width and height, and lazy loading below the fold. Without one, a
<span class="ph …"> showing the label (a title's name, or the initials of a person or member)
in colours picked by `seed`: classes, since the Content-Security-Policy allows no inline style.
Either way nothing is read from the storage or the database.
"""

from __future__ import annotations

import re
import zlib

from django import template
from django.db.models.fields.files import FieldFile
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.renditions import KINDS, rendition_name

register = template.Library()

HUES = 12  # .ph-hue-0 … .ph-hue-11 in static/css/site.css
# Sizes that grow with their column (CSS), so the browser is told how wide they may get.
FLUID_SIZES = {("banner", "wide"): "(max-width: 800px) 100vw, 800px"}
# Poster placeholders too small for a title's words show its initial instead.
INITIAL_ONLY = {("poster", "mini")}


def hue_for(seed: object) -> int:
    """A hue class for a seed: an id spreads neighbours apart, anything else is hashed."""
    if isinstance(seed, int) and not isinstance(seed, bool):
        return seed * 5 % HUES  # 5 and 12 share no factor: every hue, neighbours far apart
    return zlib.crc32(str(seed).encode()) % HUES


def initials(name: str, letters: int = 2) -> str:
    """ "Sawajiri Erika" → "SE", "mika_watches" → "MW", "沢尻エリカ" → "沢".

    What a placeholder shows for a person or a member; the demo's drawn portraits and avatars
    carry the same letters."""
    words = [w for w in re.split(r"[\s_.\-]+", name.strip()) if w and w[0].isalnum()]
    if not words:
        return ""
    picked = [words[0], words[-1]] if len(words) > 1 and letters > 1 else [words[0]]
    return "".join(word[0] for word in picked).upper()


@register.simple_tag
def picture(
    image: FieldFile | None,
    kind: str,
    size: str,
    *,
    alt: str = "",
    seed: object = None,
    label: str = "",
    lazy: bool | None = None,
    classes: str = "",
) -> SafeString:
    """`alt` describes the picture (empty when the text beside it already says it all);
    `label` is what a placeholder shows; `lazy=False` loads a picture below the fold at once."""
    if kind not in KINDS or size not in KINDS[kind].sizes:
        raise template.TemplateSyntaxError(f"No picture size {kind!r} {size!r}.")
    picture_kind = KINDS[kind]
    width = picture_kind.sizes[size]
    css = " ".join(filter(None, ["pic", f"pic-{kind}", f"pic-{kind}-{size}", classes]))
    if image:
        return _img(image, kind, size, width, picture_kind.height(width), alt, css, lazy)
    return _placeholder(kind, size, alt, seed, label, css)


def _img(
    image: FieldFile,
    kind: str,
    size: str,
    width: int,
    height: int,
    alt: str,
    css: str,
    lazy: bool | None,
) -> SafeString:
    storage, name = image.storage, image.name or ""
    one, two = (storage.url(rendition_name(name, w)) for w in (width, 2 * width))
    main = size in KINDS[kind].eager
    eager = main if lazy is None else not lazy
    attrs: dict[str, str | int] = {
        "src": one,
        "srcset": f"{one} {width}w, {two} {2 * width}w",
        "sizes": FLUID_SIZES.get((kind, size), f"{width}px"),
        "width": width,
        "height": height,
        "alt": alt,
        "class": css,
    }
    if eager and main:
        attrs["fetchpriority"] = "high"  # the page's main picture, above the fold
    elif not eager:
        attrs |= {"loading": "lazy", "decoding": "async"}
    return format_html("<img{}>", flatatt(attrs))


def _placeholder(kind: str, size: str, alt: str, seed: object, label: str, css: str) -> SafeString:
    words = label if kind in ("poster", "banner") and (kind, size) not in INITIAL_ONLY else ""
    text = words or initials(label, letters=2 if kind == "portrait" else 1)
    hue = hue_for(label if seed is None or seed == "" else seed)
    attrs: dict[str, str] = {"class": f"ph ph-{kind} ph-hue-{hue} {css}"}
    if alt:
        attrs |= {"role": "img", "aria-label": alt}
    else:
        attrs["aria-hidden"] = "true"  # the text beside it names the same thing
    return format_html('<span{}><span class="ph-text">{}</span></span>', flatatt(attrs), text)
