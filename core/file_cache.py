"""Django's file cache, for one machine without Redis, culled now and then instead of on
every write.

`FileBasedCache` lists its whole folder on every `set` to see whether it holds too many
entries. With the page cache's thousands of entries that listing took 17 ms, three times per
write that moves page versions. Here the count is taken on one `set` in `CULL_EVERY`: the
folder may pass its limit by that many entries before it is trimmed.

It compresses what it stores at zlib's fastest level: a stored page of 67 KB took 3.2 ms at
Django's default level and takes 1.0 ms, for a file of 30 KB instead of 26 (reading either is
the same). A page made afresh is stored twice (as shared and as visitors see it).

When it culls, it takes stored pages and parts before the entries that never expire (page
versions, counters). Losing a version is safe (it comes back as a new token) but dear: every
page and part that names a site-wide version would miss at once. Only when those alone pass
the limit are they culled too, so the folder stays bounded.

Django's `add` and `incr` read, then write: two processes counting at once could both see no
entry and both start at 1. Throttles count with them (core/throttle.py), so here they hold a
lock on the folder while they do, and two posts at once are counted as two.
"""

from __future__ import annotations

import os
import pickle
import random
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks

CULL_EVERY = 200
# Not a cache entry (those end in ".djcache"), so culling and clearing leave it alone.
LOCK_NAME = "counting.lock"


def _never_expires(name: str) -> bool:
    """Was the entry in file `name` stored without an expiry? Its first pickle says so."""
    try:
        with open(name, "rb") as entry:
            return pickle.load(entry) is None
    except (OSError, EOFError, pickle.UnpicklingError):
        return False


class FileCache(FileBasedCache):
    """Django's file cache, counting its entries on one write in `CULL_EVERY`."""

    def _write_content(self, file: Any, timeout: Any, value: Any) -> None:
        expiry = self.get_backend_timeout(timeout)
        file.write(pickle.dumps(expiry, self.pickle_protocol))
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), 1))

    def _cull(self) -> None:
        if random.randrange(CULL_EVERY) != 0:
            return
        files: list[str] = self._list_cache_files()  # type: ignore[attr-defined]
        if len(files) < self._max_entries:
            return
        if self._cull_frequency == 0:
            self.clear()
            return
        count = len(files) // self._cull_frequency
        expiring = [name for name in files if not _never_expires(name)]
        if len(expiring) < count:
            expiring = files
        for name in random.sample(expiring, count):
            self._delete(name)  # type: ignore[attr-defined]

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        with self._counting():
            return super().add(key, value, timeout, version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        with self._counting():
            return super().incr(key, delta, version)

    @contextmanager
    def _counting(self) -> Iterator[None]:
        """One `add` or `incr` at a time, across threads and processes."""
        folder: str = self._dir  # type: ignore[attr-defined]  # private in the stubs
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, LOCK_NAME), "ab") as lock:
            locks.lock(lock, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(lock)
