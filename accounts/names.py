"""How a member name looks, so that no two members can pass for each other."""

from __future__ import annotations

import unicodedata
from functools import cache

from confusable_homoglyphs import categories, confusables

# Room in the key column: a normalised name of 150 characters at most triples when
# case-folded; a longer key (a name saved without normalising) is cut, never refused.
KEY_LENGTH = 600


def name_key(name: str) -> str:
    """The name as a reader sees it: NFKC ("ａｄｍｉｎ" is "admin"), case-folded, and each
    letter that imitates a Latin one replaced by it (Cyrillic "а" is "a"). Two names with
    one key would be mistaken for each other, so each key belongs to one member."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return "".join(_latin_lookalike(char) for char in text)[:KEY_LENGTH]


@cache
def _latin_lookalike(char: str) -> str:
    if char.isascii():
        return char
    found = confusables.is_confusable(char, preferred_aliases=["latin"], greedy=False)
    if found:
        for glyph in found[0]["homoglyphs"]:
            if glyph["c"].isascii() and glyph["c"].isalnum():
                return glyph["c"].casefold()
    return char


def mixes_lookalike_scripts(name: str) -> bool:
    """Latin letters mixed with letters of another script that imitate Latin ones ("аdmin"
    with a Cyrillic "а"). Names that mix scripts in the ordinary way (沢尻エリカ) pass."""
    text = unicodedata.normalize("NFKC", name)
    return "LATIN" in categories.unique_aliases(text) and bool(confusables.is_dangerous(text))
