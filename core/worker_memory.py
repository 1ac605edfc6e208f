"""What each worker process keeps in its own memory, in front of the shared cache.

The shared cache (files, or Redis) is read on every request: the versions a page depends on,
then the page or its parts. Two kinds of entry can be kept by each worker as well, because a
worker can tell whether its copy is still right without reading the entry again:

- `stored`: entries under a key that names everything they show (a page under the versions
  it was made for, a part, a comment thread). Such a key never comes to mean anything else,
  so a copy is never wrong; keeping the most recently used spares a file read and its
  decompression. Bounded by `STORED_BYTES`, the least recently used going first.
  `members_pages` keeps members' own pages the same way, apart and in this worker only
  (`Stored.keep`).
- `VersionMemo`: versions do change, but every move of any version also moves one more entry,
  the generation (core/versions.py). A worker reads the generation, and while it has not
  moved, answers the versions it read since from memory: one read instead of one per version.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.cache import cache

# How much of the stored entries one worker keeps: about 700 title pages.
STORED_BYTES = 48 * 1024 * 1024
# And of members' own pages: about a hundred title pages.
MEMBERS_PAGES_BYTES = 16 * 1024 * 1024
# Versions one worker remembers for one generation before it starts afresh.
MEMO_MAX = 50_000
# The size counted for a kept value that is not text (a part's computed value).
OTHER_BYTES = 1024


def _size(value: Any) -> int:
    if isinstance(value, tuple) and value:
        value = value[0]  # a stored page: (content, content type)
    if isinstance(value, str | bytes):
        return len(value)
    return getattr(value, "nbytes", OTHER_BYTES)  # a member's page (core/personal.py LivePage)


class Stored:
    """Entries whose keys name what they show: the shared cache, with the most recently used
    kept in this worker's memory too (see the module's docstring)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._kept: OrderedDict[str, Any] = OrderedDict()
        self._bytes = 0
        # The development server and the test suite's live servers serve from threads.
        self._lock = threading.Lock()

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        with self._lock:
            for key in keys:
                if key in self._kept:
                    self._kept.move_to_end(key)
                    found[key] = self._kept[key]
        missing = [key for key in keys if key not in found]
        if missing:
            read = cache.get_many(missing)
            self._keep(read)
            found |= read
        return found

    def get(self, key: str) -> Any:
        return self.get_many([key]).get(key)

    def set_many(self, entries: Mapping[str, Any], timeout: int) -> None:
        cache.set_many(dict(entries), timeout)
        self._keep(entries)

    def set(self, key: str, value: Any, timeout: int) -> None:
        self.set_many({key: value}, timeout)

    def keep(self, key: str, value: Any) -> None:
        """Keep `value` in this worker's memory only: for an entry one member reads (their own
        page), which costs less to make again in another worker than to write for all."""
        self._keep({key: value})

    def kept(self, key: str) -> Any:
        """The entry `keep` kept in this worker, or None."""
        with self._lock:
            if key not in self._kept:
                return None
            self._kept.move_to_end(key)
            return self._kept[key]

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._bytes = 0

    def _keep(self, entries: Mapping[str, Any]) -> None:
        with self._lock:
            for key, value in entries.items():
                if key in self._kept:
                    continue
                self._kept[key] = value
                self._bytes += _size(value)
            while self._bytes > self.limit and self._kept:
                _, value = self._kept.popitem(last=False)
                self._bytes -= _size(value)


stored = Stored(STORED_BYTES)
# Members' own pages (`Stored.keep`), apart: each is read by one member, and among the pages
# that many read they would push those out.
members_pages = Stored(MEMBERS_PAGES_BYTES)


class VersionMemo:
    """The versions this worker has read under one generation (see the module's docstring)."""

    def __init__(self) -> None:
        # One attribute, replaced whole: a thread never sees one generation's versions as
        # another's.
        self._state: tuple[str | None, dict[str, str]] = (None, {})

    def under(self, generation: str) -> dict[str, str]:
        """The versions known under `generation`: none when it is not the one remembered."""
        remembered, known = self._state
        if generation != remembered or len(known) > MEMO_MAX:
            known = {}
            self._state = (generation, known)
        return known

    def clear(self) -> None:
        self._state = (None, {})
