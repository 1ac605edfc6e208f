"""The countries a title or network may come from: ISO 3166 codes (django-countries), shown
by name, with the ones the catalogue is about first.

`country_code` reads a country typed as free text, as the catalogue stored it before the
fixed list: Browse still reads old addresses with it. (The data migration that moved to codes
keeps a frozen copy of its own.)
"""

from __future__ import annotations

from django_countries import Countries, countries

# The catalogue's own countries: first in the admin's menu, and Browse's country filter.
CATALOGUE_COUNTRIES = ["JP", "KR", "CN", "TW", "HK", "TH"]

NATIVE_LANGUAGES = {
    "JP": "ja",
    "KR": "ko",
    "CN": "zh-Hans",
    "TW": "zh-Hant",
    "HK": "zh-Hant",
    "TH": "th",
}

# Where a network of the catalogue's countries broadcasts from, unless it says otherwise.
TIME_ZONES = {
    "JP": "Asia/Tokyo",
    "KR": "Asia/Seoul",
    "CN": "Asia/Shanghai",
    "TW": "Asia/Taipei",
    "HK": "Asia/Hong_Kong",
    "TH": "Asia/Bangkok",
}

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


class CatalogueCountries(Countries):
    first = CATALOGUE_COUNTRIES


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
