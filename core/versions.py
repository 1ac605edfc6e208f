"""Versions: what a page or a part depends on, and what a write moves.

A page names the versions it depends on ("titles.title:12", "ratings", "catalogue"…), and is
stored under them (core/page_cache.py, core/part_cache.py). A write moves the versions of what
it changed, and again when its transaction commits (`pages_changed`), so the next request makes
a new key and renders afresh; nothing waits for an expiry. A version is a random token, not a
counter: a version evicted from the cache comes back as a new token, which can only cause a
miss. The versions are read before the view reads the database, so a page stored under a
version shows data at least as new as the moment that version was read.

Every move also moves one more entry, the generation: while it stands, a worker answers the
versions it has read from memory (core/worker_memory.py), one read instead of one per version.
A request reads the generation once, at its first versions (its member, their permissions,
the page, their parts), and answers the rest of its versions as of then; a move it makes
itself is seen at once, as before.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction

from core import replicas, worker_memory

VERSION_PREFIX = "page-version:"
# Moved with every version, so that a worker can answer versions from memory while it stands
# (core/worker_memory.py).
GENERATION = VERSION_PREFIX + "*"
# Site-wide versions: every rating moves RATINGS (lists show scores), every catalogue edit
# CATALOGUE (pages show names, posters, credits), every article NEWS, every comment COMMENTS.
RATINGS = "ratings"
CATALOGUE = "catalogue"
NEWS = "news"
COMMENTS = "comments"
REVIEWS = "reviews"
# Ranked, Popularity and Trending, which `refresh_rankings` moves for many titles at once.
RANKS = "ranks"
# The computed similar titles, which `compute_similar` rebuilds for every title at once.
SIMILAR = "similar"
# Members' names and avatars, beside everything they write: pages that show members name it,
# and a change to a member's name, avatar or biography moves it.
MEMBERS = "members"
# Every site-wide version: a bulk load (the demo data) moves them all.
SITE_WIDE = (RATINGS, CATALOGUE, NEWS, COMMENTS, REVIEWS, RANKS, SIMILAR, MEMBERS)
# Not a page's: who holds which permission (accounts/backends.py keeps the sets under it).
PERMISSIONS = "permissions"


def object_version(label: str, pk: int, aspect: str = "") -> str:
    """The version of one object's pages: its model's label ("titles.title") and its id; or,
    with an `aspect` ("comments"), of the parts of its pages that show that (core/part_cache.py).
    Moving an aspect's version moves the object's too (`pages_changed`)."""
    return f"{label}:{pk}/{aspect}" if aspect else f"{label}:{pk}"


def title_version(title_id: int, aspect: str = "") -> str:
    return object_version("titles.title", title_id, aspect)


def member_version(user_id: int) -> str:
    """The version of everything of one member's own that their parts of pages show
    (core/personal.py): their list entries and reviews, votes, likes, favorites, lists and open
    reports. Every write that changes one of those moves it, whoever makes the write."""
    return f"member:{user_id}"


def pages_changed(*keys: str) -> None:
    """Move the versions of `keys` now, and again once the current transaction commits.

    The move on commit is the guarantee: a page rendered between the two moves, from data
    read before the commit, is stored under a version nobody asks for afterwards. The move
    now lets later reads in the same transaction see the change too.

    With read replicas, each version names the primary's WAL position when it moved, and a
    page rendered for it is read from a replica that has replayed that far (core/replicas.py):
    a version moved before the commit still promises everything committed before it, so a
    page rendered while the write waits is never older than the last commit.

    An aspect's version ("titles.title:12/comments") moves its object's ("titles.title:12")
    with it: every page showing the object is made again, from parts that did not change.
    """
    keys = tuple(dict.fromkeys(k for key in keys for k in (key, key.partition("/")[0])))
    if keys:
        _move(keys, replicas.written_position())
        transaction.on_commit(lambda: _move(keys, replicas.written_position()))


def _move(keys: Iterable[str], written: int | None = None) -> None:
    _request.generation = None  # this request sees its own move at once
    tokens = {VERSION_PREFIX + key: _token(written) for key in keys}
    for lifetime in {_lifetime(name) for name in tokens}:
        group = {name: token for name, token in tokens.items() if _lifetime(name) == lifetime}
        cache.set_many(group, timeout=lifetime)
    # After the versions: a worker that still reads the old generation reads as if just
    # before this move.
    cache.set(GENERATION, secrets.token_hex(8), timeout=None)


def _lifetime(name: str) -> int | None:
    """How long a version is kept: for good, but an aspect's (`object_version`) and a member's
    (`member_version`) as long as a stored page at most. There are many of those; the ones
    nobody reads or writes for a day go, and come back as new tokens, which only causes a
    miss."""
    key = name.removeprefix(VERSION_PREFIX)
    return settings.PAGE_CACHE_TTL if "/" in key or key.startswith("member:") else None


def _token(written: int | None) -> str:
    token = secrets.token_hex(8)
    return token if written is None else f"{token}@{written}"


def newest_write(current: list[str]) -> int:
    """The newest WAL position the versions name: what a page rendered for them must see."""
    return max((int(v.rpartition("@")[2]) for v in current if "@" in v), default=0)


def versions(keys: Iterable[str]) -> list[str] | None:
    """The current version of each key, made up (and stored) for keys that have none; None
    when the cache keeps none just now (Redis away: core/redis_cache.py), and nothing may be
    stored or read under them.

    A made-up version names the primary's WAL position now (with replicas): the page could
    show anything written before it.
    """
    names = [VERSION_PREFIX + key for key in keys]
    if (generation := _generation()) is None:
        return None
    known = _memo.under(generation)
    if missing := [name for name in names if name not in known]:
        found = cache.get_many(missing)
        for name in missing:
            if name not in found:
                found[name] = _made_up(name, _token(replicas.written_position()))
                if found[name] is None:
                    return None
        known.update(found)
    return [f"{name}={known[name]}" for name in names]


_memo = worker_memory.VersionMemo()
# The generation the request this thread serves has read (`_generation`); outside requests
# (commands, jobs) the generation is read each time.
_request = threading.local()


def _generation() -> str | None:
    """The generation: read once per request, and again after a move of its own."""
    if (generation := getattr(_request, "generation", None)) is not None:
        return generation
    generation = _made_up(GENERATION, secrets.token_hex(8))
    if getattr(_request, "serving", False):
        _request.generation = generation
    return generation


def _serving(**kwargs: object) -> None:
    _request.serving, _request.generation = True, None


def _served(**kwargs: object) -> None:
    _request.serving, _request.generation = False, None


request_started.connect(_serving, dispatch_uid="core.versions.serving")
request_finished.connect(_served, dispatch_uid="core.versions.served")


def forget_versions() -> None:
    """Read every version from the cache again, as a new worker does."""
    _memo.clear()
    _request.generation = None


def _made_up(name: str, token: str) -> str | None:
    """The entry `name`, stored as `token` if there is none; None if the cache keeps none."""
    if (found := cache.get(name)) is None:
        cache.add(name, token, timeout=_lifetime(name))
        found = cache.get(name)
    return found
