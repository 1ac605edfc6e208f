"""Redis as a cache, never a single point of failure: while it is away the site runs without it.

`RedisCache` is Django's Redis backend with a client that gives every call to Redis a deadline
(`socket_connect_timeout` and `socket_timeout` in the cache's OPTIONS) and answers a call that
fails with a Redis error as a miss or a no-op: `get` gives the default, `get_many` nothing,
`has_key`, `add`, `set` and `delete` answer False, and `incr` raises ValueError as for a
missing key (django-ratelimit then counts nothing: core/throttle.py). So pages render from the
database, sessions are read from their table (`cached_db` writes every session there as
well), and writes go through.

After a failure the process leaves Redis alone for `retry_seconds` (OPTIONS), answering at
once, instead of paying a connection attempt on every call; then one call tries it again. The
process logs one warning when Redis goes away ("cache unreachable: …"), repeats it at most
every WARN_AGAIN_SECONDS while it stays away, and logs a line when it answers again.

Lost updates. A set or a delete that failed may leave an older value in Redis: when Redis
was cut off rather than restarted it still holds it, and would serve it once it is back, such
as a page version that a write had moved (core/versions.py: the old version names pages
without that write) or the session of a member who has since signed out. So each process
remembers every key it failed to set or delete, and before anything else it asks of Redis
once it answers again, deletes them: a page version that is gone comes back as a new token,
and a session that is gone is read from the database. A process that lost more keys than
LOST_KEYS_KEPT, or failed to clear the cache, empties the cache's database instead (so that
database must be the site's alone). A thread of the process does this within `retry_seconds`
(and one deadline) of Redis's return even when no request comes.

What remains: a process that ends (recycled, killed, its machine lost) before Redis returns
takes its list of keys with it; a version it failed to move keeps its old value until the
next write moves it, so the pages under it may be stale until then, and a session it failed
to delete lives until it expires. And between Redis's return and the repair (at most
`retry_seconds` and one deadline) other processes may still read the old values.

`ping()` asks Redis itself, without the soft answers, within the same deadline: the health
checks (dramadb/health.py) say whether Redis is away.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as Client
from redis.exceptions import RedisError

log = logging.getLogger("dramadb.cache")

# While Redis stays away, each process repeats its warning this often at most.
WARN_AGAIN_SECONDS = 60.0
# The keys one process remembers having failed to update; past this many it empties the
# cache's database when Redis returns.
LOST_KEYS_KEPT = 10_000

T = TypeVar("T")


class Standing:
    """How one process stands with one Redis: answering, or away since when and tried again
    when; and the keys it failed to update meanwhile. Shared by the process's threads (each
    thread has a cache object of its own)."""

    def __init__(self, retry_seconds: float) -> None:
        self.retry_seconds = retry_seconds
        self.lock = threading.RLock()
        self.away_since: float | None = None
        self.retry_at = 0.0
        self.warned_at = 0.0
        self.lost: set[Any] = set()
        self.lost_all = False  # more lost than remembered, or a clear: empty the database
        self.repairing = False

    @property
    def troubled(self) -> bool:
        return self.away_since is not None or self.owes_repair

    @property
    def owes_repair(self) -> bool:
        return self.lost_all or bool(self.lost)

    def failed(self, error: RedisError) -> None:
        now = time.monotonic()
        with self.lock:
            if self.away_since is None:
                self.away_since = self.warned_at = now
                log.warning(
                    "cache unreachable: %s (%s); pages render without it, and this process "
                    "tries it again every %g s",
                    type(error).__name__,
                    error,
                    self.retry_seconds,
                )
            elif now - self.warned_at >= WARN_AGAIN_SECONDS:
                self.warned_at = now
                log.warning(
                    "cache still unreachable after %.0f s: %s (%s)",
                    now - self.away_since,
                    type(error).__name__,
                    error,
                )
            self.retry_at = now + self.retry_seconds

    def answered(self) -> None:
        with self.lock:
            if self.away_since is not None:
                log.warning(
                    "cache answers again after %.1f s away", time.monotonic() - self.away_since
                )
                self.away_since = None

    def lose(self, keys: Collection[Any], everything: bool = False) -> None:
        """Remember keys whose update may not have reached Redis."""
        with self.lock:
            if everything or len(self.lost) + len(keys) > LOST_KEYS_KEPT:
                self.lost_all = True
                self.lost.clear()
            elif not self.lost_all:
                self.lost.update(keys)


# One standing per Redis (its servers) per process.
_standings: dict[tuple[str, ...], Standing] = {}
_standings_lock = threading.Lock()


def standing_for(servers: Sequence[str], retry_seconds: float) -> Standing:
    with _standings_lock:
        key = tuple(servers)
        if key not in _standings:
            _standings[key] = Standing(retry_seconds)
        return _standings[key]


class SoftRedisClient(Client):
    """Django's Redis client, answering every call that fails as a miss (the module says how)."""

    def __init__(self, servers: list[str], retry_seconds: float = 1.0, **options: Any) -> None:
        super().__init__(servers, **options)
        self.standing = standing_for(servers, retry_seconds)

    def _soft(
        self,
        call: Callable[[], T],
        fallback: T,
        *,
        updates: Collection[Any] = (),
        clears: bool = False,
    ) -> T:
        """`call`'s answer, or `fallback` when Redis is away or fails; `updates` names the keys
        the call sets or deletes, which are remembered when it may not have reached Redis."""
        standing = self.standing
        if standing.troubled and not self._settle():
            if updates or clears:
                self._lose(updates, clears)
            return fallback
        try:
            answer = call()
        except RedisError as error:
            standing.failed(error)
            if updates or clears:
                self._lose(updates, clears)
            return fallback
        if standing.away_since is not None:
            standing.answered()
        return answer

    def _settle(self) -> bool:
        """Whether this process may call Redis now: it is not being left alone, and any key
        this process failed to update has been deleted there first."""
        standing = self.standing
        with standing.lock:
            if standing.away_since is not None and time.monotonic() < standing.retry_at:
                return False
            if not standing.owes_repair:
                return True
            try:
                client = self.get_client(None, write=True)
                if standing.lost_all:
                    client.flushdb(asynchronous=True)
                else:
                    client.delete(*standing.lost)
            except RedisError as error:
                standing.failed(error)
                return False
            standing.answered()
            if standing.lost_all:
                log.warning("cache emptied: this process lost more updates than it remembers")
            else:
                count = len(standing.lost)
                log.warning(
                    "cache: deleted %d %s this process failed to update while it was away",
                    count,
                    "key" if count == 1 else "keys",
                )
            standing.lost.clear()
            standing.lost_all = False
            return True

    def _lose(self, keys: Collection[Any], everything: bool) -> None:
        """Remember `keys`, and have a thread delete them once Redis answers, in case no
        request comes to do it."""
        standing = self.standing
        standing.lose(keys, everything)
        with standing.lock:
            if standing.repairing:
                return
            standing.repairing = True
        threading.Thread(target=self._repair, name="cache-repair", daemon=True).start()

    def _repair(self) -> None:
        standing = self.standing
        while True:
            with standing.lock:
                if not standing.owes_repair:
                    standing.repairing = False
                    return
                wait = standing.retry_at - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            else:
                self._settle()

    # Django's client's operations, each answering as a miss when Redis is away. Keys arrive
    # made (prefixed and versioned) by the cache object.

    def add(self, key: Any, value: Any, timeout: Any) -> bool:
        # A lost add leaves nothing older behind: it only ever writes a key that is missing.
        return self._soft(lambda: Client.add(self, key, value, timeout), False)

    def get(self, key: Any, default: Any) -> Any:
        return self._soft(lambda: Client.get(self, key, default), default)

    def set(self, key: Any, value: Any, timeout: Any) -> bool:  # type: ignore[override]
        def call() -> bool:
            Client.set(self, key, value, timeout)
            return True

        return self._soft(call, False, updates=[key])

    def touch(self, key: Any, timeout: Any) -> bool:
        return self._soft(lambda: Client.touch(self, key, timeout), False)

    def delete(self, key: Any) -> bool:
        return self._soft(lambda: Client.delete(self, key), False, updates=[key])

    def get_many(self, keys: Iterable[Any]) -> dict[Any, Any]:
        return self._soft(lambda: Client.get_many(self, keys), {})

    def has_key(self, key: Any) -> bool:
        return self._soft(lambda: Client.has_key(self, key), False)

    def incr(self, key: Any, delta: int) -> Any:
        answer = self._soft(lambda: Client.incr(self, key, delta), None)
        if answer is None:
            raise ValueError(f"Key '{key}' cannot be counted: the cache is away.")
        return answer

    def set_many(self, data: Mapping[Any, Any], timeout: Any) -> bool:  # type: ignore[override]
        def call() -> bool:
            Client.set_many(self, data, timeout)
            return True

        return self._soft(call, False, updates=list(data))

    def delete_many(self, keys: Iterable[Any]) -> None:
        keys = list(keys)
        self._soft(lambda: Client.delete_many(self, keys), None, updates=keys)

    def clear(self) -> bool:
        return self._soft(lambda: Client.clear(self), False, clears=True)

    def ping(self) -> None:
        """Ask Redis itself, within the deadline: raises RedisError when it is away."""
        self.get_client(None).ping()


class RedisCache(DjangoRedisCache):
    """Django's Redis cache through `SoftRedisClient`: a miss, never an error, while Redis is
    away. `set` answers whether the value reached Redis; `set_many` the keys that did not."""

    _cache: SoftRedisClient

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SoftRedisClient

    def set(  # type: ignore[override]
        self,
        key: str,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._cache.set(key, value, self.get_backend_timeout(timeout))

    def set_many(
        self,
        data: dict[str, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[str]:
        if not data:
            return []
        made = {self.make_and_validate_key(key, version=version): key for key in data}
        stored = self._cache.set_many(
            {made_key: data[key] for made_key, key in made.items()},
            self.get_backend_timeout(timeout),
        )
        return [] if stored else list(data)

    def ping(self) -> None:
        """Raise RedisError unless Redis answers within the deadline (the health checks)."""
        self._cache.ping()
