"""A frozen copy of the search keys of titles.keys as they were when migration 0013 was
written: the keys with Japanese readings in context that it writes. Never edit it to follow
titles.keys; a later change to the keys that stored rows should follow needs a migration of
its own, with its own frozen copy.

Japanese is read word by word with janome and spelled in Hepburn with pykakasi, Korean with
korean-romanizer and Chinese with pypinyin, so the keys depend on the versions of those
packages installed (janome's dictionary above all).
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


@cache
def _tokenizer() -> Any:  # janome ships no type hints
    from janome.tokenizer import Tokenizer

    return Tokenizer()


# The particles whose spoken sound differs from their kana: (as written, as spoken).
PARTICLES = {"は": ("ha", "wa"), "へ": ("he", "e"), "を": ("wo", "o")}


def _hepburn(text: str) -> str:
    return " ".join(part["hepburn"] for part in _kakasi().convert(text))


def japanese_readings(text: str) -> list[str]:
    """Hepburn spellings of Japanese text, word by word: with the particles as written and,
    when there are any, as spoken ("kimi no na ha", "kimi no na wa").

    Kanji take the reading the analysis gives them in context (君 alone is "kun", in 君の名は
    it is "kimi"); a word the dictionary does not know is romanised character by character.
    """
    written: list[str] = []
    spoken: list[str] = []
    for token in _tokenizer().tokenize(text):
        if token.part_of_speech.startswith("助詞") and token.surface in PARTICLES:
            as_written, as_spoken = PARTICLES[token.surface]
        else:
            reading = token.reading if token.reading != "*" else token.surface
            as_written = as_spoken = _hepburn(reading)
        written.append(as_written)
        spoken.append(as_spoken)
    readings = [" ".join(written), " ".join(spoken)]
    return readings if readings[0] != readings[1] else readings[:1]


def romanize(text: str) -> list[str]:
    """The Latin spellings of a name in Japanese, Korean or Chinese script (none for others).

    Han characters alone could be Japanese or Chinese, so such a name gets both readings.
    """
    scripts = {_script(char) for char in text} - {""}
    if not scripts:
        return []
    spellings = []
    if "kana" in scripts or "han" in scripts:
        spellings += japanese_readings(text)
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
