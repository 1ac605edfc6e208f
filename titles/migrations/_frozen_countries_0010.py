"""A frozen copy of titles.countries as it was when migration 0010 was written: how that
migration reads the countries typed as free text, and the report it prints. Never edit it to
follow titles.countries.

Codes and names come from django-countries, so the mapping depends on the version installed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django_countries import countries

# Names people type that are not the list's own (django-countries knows "South Korea", not
# "Korea"); compared case-folded.
ALIASES = {
    "korea": "KR",
    "republic of korea": "KR",
    "korea, republic of": "KR",
    "korea (the republic of)": "KR",
    "korea (south)": "KR",
    "s. korea": "KR",
    "rok": "KR",
    "mainland china": "CN",
    "prc": "CN",
    "people's republic of china": "CN",
    "china (mainland)": "CN",
    "republic of china": "TW",
    "taiwan, province of china": "TW",
    "hongkong": "HK",
    "hong kong sar": "HK",
    "hong kong, china": "HK",
    "siam": "TH",
    "usa": "US",
    "united states of america": "US",
    "uk": "GB",
}


def country_name(code: str) -> str:
    return str(countries.name(code)) if code else ""


def country_code(typed: str) -> str:
    """The ISO code of a country typed as free text ("Korea", "japan", "KR"), or "" when it is
    not recognised."""
    text = " ".join(typed.split())
    if not text:
        return ""
    if text.upper() in countries:
        return text.upper()
    return ALIASES.get(text.casefold()) or countries.by_name(text)


@dataclass
class CountryMapping:
    """Each distinct typed country with its code ("" when not recognised)."""

    codes: dict[str, str] = field(default_factory=dict)

    def report(self) -> list[str]:
        mapped = [f'"{typed}" → {code} ({country_name(code)})'
                  for typed, code in self.codes.items() if code]  # fmt: skip
        unknown = [f'"{typed}"' for typed, code in self.codes.items() if not code]
        lines = []
        if mapped:
            lines.append(f"Countries mapped: {', '.join(mapped)}.")
        if unknown:
            lines.append(f"Countries not recognised, left empty: {', '.join(unknown)}.")
        return lines


def map_countries(typed: Iterable[str]) -> CountryMapping:
    """The code of each distinct non-empty country in `typed`, in the order first seen."""
    mapping = CountryMapping()
    for text in typed:
        if text and text not in mapping.codes:
            mapping.codes[text] = country_code(text)
    return mapping
