"""A frozen copy of the search keys of titles.keys as they were when migration 0007 was
written: the keys that migration fills. Never edit it to follow titles.keys; a migration that
needs the keys as they are later gets a frozen copy of its own (0013 rewrites the Japanese
ones).

Japanese is read character by character with pykakasi here, Korean with korean-romanizer and
Chinese with pypinyin, so the keys depend on the versions of those packages installed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

SEPARATOR = " | "
_PUNCTUATION = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: "Ｒéply-1988!" is "reply 1988"."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_PUNCTUATION.sub(" ", bare.casefold()).split())


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith(("HIRAGANA", "KATAKANA")):
        return "kana"
    if name.startswith("HANGUL"):
        return "hangul"
    if name.startswith("CJK"):
        return "han"
    return ""


@cache
def _kakasi() -> Any:  # pykakasi ships no type hints
    import pykakasi

    return pykakasi.kakasi()


def romanize(text: str) -> list[str]:
    """The Latin spellings of a name in Japanese, Korean or Chinese script (none for others).

    Han characters alone could be Japanese or Chinese, so such a name gets both readings.
    """
    scripts = {_script(char) for char in text} - {""}
    if not scripts:
        return []
    spellings = []
    if "kana" in scripts or "han" in scripts:
        spellings.append(" ".join(part["hepburn"] for part in _kakasi().convert(text)))
    if "hangul" in scripts:
        from korean_romanizer.romanizer import Romanizer

        spellings.append(Romanizer(text).romanize())
    if "han" in scripts and "kana" not in scripts:
        from pypinyin import lazy_pinyin

        spellings.append(" ".join(lazy_pinyin(text)))
    return spellings


def search_key(*names: str) -> str:
    """Every way a reader might type these names, folded, without repeats."""
    keys: dict[str, None] = {}
    for name in names:
        if not name:
            continue
        for spelling in (name, *romanize(name)):
            if folded := fold(spelling):
                keys[folded] = None
    return SEPARATOR.join(keys)


def person_key(name: str, native_name: str) -> str:
    """A person's key: both orders of the name ("sawajiri erika", "erika sawajiri")."""
    words = name.split()
    reversed_name = " ".join(reversed(words)) if len(words) > 1 else ""
    return search_key(name, reversed_name, native_name)
