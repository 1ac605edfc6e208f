"""Reading a page's head as search engines and chat apps do."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any


class HeadReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, str] = {}
        self.meta: dict[str, list[str]] = {}
        self.json_ld: list[Any] = []
        self.raw_json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "link" and "rel" in found:
            self.links.setdefault(found["rel"], found.get("href", ""))
        elif tag == "meta" and ("property" in found or "name" in found):
            key = found.get("property") or found["name"]
            self.meta.setdefault(key, []).append(found.get("content", ""))
        elif tag == "script" and found.get("type") == "application/ld+json":
            self._in_json_ld = True

    def handle_endtag(self, tag: str) -> None:
        self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.raw_json_ld.append(data)
            self.json_ld.append(json.loads(data))


def read_head(page) -> HeadReader:
    """The head of a response, or of its HTML already decoded."""
    reader = HeadReader()
    reader.feed(page if isinstance(page, str) else page.content.decode())
    return reader


def first_of_type(reader: HeadReader, kind: str) -> dict[str, Any]:
    return next(item for item in reader.json_ld if item.get("@type") == kind)
