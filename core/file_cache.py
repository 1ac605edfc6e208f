"""Django's file cache, for one machine without Redis, culled now and then instead of on
every write.

`FileBasedCache` lists its whole folder on every `set` to see whether it holds too many
entries. With the page cache's thousands of entries that listing took 17 ms, three times per
write that moves page versions. Here the count is taken on one `set` in `CULL_EVERY`: the
folder may pass its limit by that many entries before it is trimmed.
"""

from __future__ import annotations

import random

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 200


class FileCache(FileBasedCache):
    """Django's file cache, counting its entries on one write in `CULL_EVERY`."""

    def _cull(self) -> None:
        if random.randrange(CULL_EVERY) == 0:
            super()._cull()  # type: ignore[misc]  # private in the stubs
