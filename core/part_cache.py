"""Parts of a shared page, each stored under the versions of what it shows.

A page whose version moved is made again (core/page_cache.py), yet most writes change one part
of it: a comment changes a title page's comments, not its cast, reviews or statistics. So the
page is made of parts, each stored under a key made from the versions of the rows it shows
(key-based expiration): a part whose versions did not move is read back, and only the others
are rendered, with only their queries. The view hands the template values read when a part
first names them (`lazy`), and declares each part with the versions it shows:

    parts = Parts(request, f"title:{pk}", {
        "header": [CATALOGUE, title_version(pk, "ratings")],
        "comments": [title_version(pk, "comments"), MEMBERS],
    }, vary={"comments": cpage})

The template wraps each part in `{% part "header" %}…{% endpart %}` (the `parts` library);
a value rather than markup (the page's metadata) is `parts.value("meta", compute)`. A write
moves the versions of what it changed and, with them, the version of the whole object's
pages (`pages_changed`), so the page itself is never served from before the write.

Inside a part, markup repeated for each row (a comment thread) can be stored too, each under
what it shows: `{% fragments "thread" threads as thread %}…{% endfragments %}` repeats its
markup for each item, stored under the item's `identity` (made from every field of the rows
it shows) and the versions declared for the fragment, which name what it shows of other rows
(`fragments={"thread": [MEMBERS]}`). All of a loop's fragments are read in one round trip,
and a list with a `ready(items)` method is told which items are about to be rendered, so it
reads their rows alone; it answers those whose rows moved since their identity was read,
which are rendered but not stored. A part made again after a new comment then reads and
renders one thread and reads the others' markup back (comments/threads.py).

The versions of every part, then every stored part, are read in one round trip each, the
most recently used from the worker's memory (core/worker_memory.py). A part's
key also names the page (`scope`); every key names the site's address with its scheme and host
(parts may hold whole addresses) and the day (parts may say "3 days ago"). Parts are used only
for the page everybody shares, rendered as a visitor sees it: a member with permissions sees
more (hidden comments), so their page is rendered whole, as it is without the page cache or
while the cache is away.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Mapping
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core import replicas
from core.versions import newest_write, versions
from core.worker_memory import stored as stored_entries

PREFIX = "part:"
T = TypeVar("T")


class lazy(Generic[T]):
    """`load`, run the first time it is asked for and not again: a value of the page that only
    the parts rendered read. Templates call it where they name it (`{{ credits.directors }}`).

    Django's templates look for these two flags on anything they call; as plain attributes
    they are found at once, where a function would raise and catch an AttributeError each.
    """

    do_not_call_in_templates = False
    alters_data = False
    __slots__ = ("_load", "_value")

    def __init__(self, load: Callable[[], T]) -> None:
        self._load: Callable[[], T] | None = load

    def __call__(self) -> T:
        if self._load is not None:
            self._value, self._load = self._load(), None
        return self._value


class Parts:
    """The stored parts of one page, read as the page is made; see the module's docstring."""

    def __init__(
        self,
        request: HttpRequest,
        scope: str,
        declared: Mapping[str, Collection[str]],
        *,
        vary: Mapping[str, object] | None = None,
        fragments: Mapping[str, Collection[str]] | None = None,
    ) -> None:
        self.declared = declared
        self.fragments = fragments or {}
        self.keys: dict[str, str] = {}
        self.found: dict[str, Any] = {}
        self.version: dict[str, str] = {}
        self.page: list[str] = []
        # Parts and fragments read back and made, told in the X-Part-Cache header.
        self.counts = {"hit": 0, "miss": 0, "fragment hit": 0, "fragment miss": 0}
        if not (settings.PAGE_CACHE and not request.user.is_authenticated):
            return
        every = sorted(
            {key for keys in [*declared.values(), *self.fragments.values()] for key in keys}
        )
        current = versions(every)
        if current is None:  # the cache is away: every part is rendered
            return
        replicas.read_at_least(newest_write(current))
        self.version = dict(zip(every, current, strict=True))
        self.page = [request.build_absolute_uri("/"), timezone.localdate().isoformat()]
        for name, keys in declared.items():
            words = [scope, name, str((vary or {}).get(name, "")), *self._versions(keys)]
            self.keys[name] = f"{PREFIX}{scope}:{name}:{self._digest(words)}"
        stored = stored_entries.get_many(list(self.keys.values()))
        self.found = {name: stored[key] for name, key in self.keys.items() if key in stored}

    def value(self, name: str, compute: Callable[[], T]) -> T:
        """Part `name` as stored, or `compute()`d and stored."""
        if name not in self.declared:
            raise ValueError(f"the page declares no part {name!r}")
        if name in self.found:
            self.counts["hit"] += 1
            return self.found[name]
        made = compute()
        if name in self.keys:  # parts are in use on this page
            self.counts["miss"] += 1
            stored_entries.set(self.keys[name], made, settings.PAGE_CACHE_TTL)
        return made

    def render(
        self, request: HttpRequest, template_name: str, context: dict[str, Any]
    ) -> HttpResponse:
        """The page, with this as its `parts`; its X-Part-Cache header says how many parts and
        fragments were read back and how many made (the benchmark counts them)."""
        response = render(request, template_name, {**context, "parts": self})
        response["X-Part-Cache"] = ", ".join(f"{what} {n}" for what, n in self.counts.items())
        return response

    def each(
        self,
        name: str,
        made: list[tuple[str, Callable[[], str]]],
        before: Callable[[list[int]], Collection[int]] | None = None,
    ) -> list[str]:
        """Fragment `name` for each (identity, render) of `made`: as stored, or rendered and
        stored; those stored are read in one round trip. `before`, when given, is called with
        the positions of those about to be rendered, before the first is (to read their rows
        in one go), and answers those among them whose rows moved since their identity was
        read: they are rendered, not stored."""
        if name not in self.fragments:
            raise ValueError(f"the page declares no fragment {name!r}")
        if not self.version:
            return [make() for _, make in made]
        shown = self._versions(self.fragments[name])
        keys = [f"{PREFIX}fragment:{name}:{self._digest([name, identity, *shown])}"
                for identity, _ in made]  # fmt: skip
        stored = stored_entries.get_many(keys)
        missing = [n for n, key in enumerate(keys) if key not in stored]
        moved = set(before(missing)) if before is not None and missing else set()
        markup, made_now = [], {}
        for n, (key, (_, make)) in enumerate(zip(keys, made, strict=True)):
            if key in stored:
                markup.append(stored[key])
                continue
            markup.append(make())
            if n not in moved:
                made_now[key] = markup[-1]
        self.counts["fragment hit"] += len(made) - len(missing)
        self.counts["fragment miss"] += len(missing)
        if made_now:
            stored_entries.set_many(made_now, settings.PAGE_CACHE_TTL)
        return markup

    def _versions(self, keys: Collection[str]) -> list[str]:
        return [self.version[key] for key in keys]

    def _digest(self, words: list[str]) -> str:
        return hashlib.sha256("\n".join([*self.page, *words]).encode()).hexdigest()[:32]
