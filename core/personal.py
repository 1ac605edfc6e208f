"""The parts of a page that belong to the one viewing it, filled in after the page is rendered.

A page is rendered the same for everybody. Where it shows something that depends on who is
looking (the account menu, Your Rating, vote buttons, the comment form, anything with a form
token), its template leaves a mark instead: `{% personal "name" arg… %}` writes
`<!--personal name arg…-->`. The marked page can be stored and shared (core/page_cache.py);
`fill` then replaces the marks for each request. Each kind of part loads what it needs once
for all of its marks on the page (one query for the viewer's votes on every review shown), so
a member's page costs a few small queries on top of the shared one, whatever it shows.

Apps register their parts in their own `parts` module, imported when the app is ready:

    @personal_part("reviews.helpful", load=votes_of_viewer)
    def helpful(viewer, votes, review_id, ...): return viewer.render(...)

A part is named after the room that registers it (`reviews.helpful`). A part that other rooms
show, below its own or beside it, is named by its role alone, as `page_link` names pages: the
moderation room's `report_link` (beside reviews, comments and reasons) and `queue_link` (in
the header).

Markup that is the same for everyone it is shown to (an author's Edit link) goes in a block
instead, `{% personal_block "name" arg… %}…{% endpersonal_block %}`: it is rendered once with
the page, and its part only decides whom to show it to.

Arguments of a mark are words (ids, slugs, counts): user text never goes into a mark, and
escaped text cannot make one.

A part whose markup is one of a few (a rating form as it stands for each status and score)
says so by naming, in `Viewer.render(..., kept=…)`, everything its template shows besides
the form token: the markup is rendered once per worker for those words and kept, and each
page only puts its own token in. Members' pages are filled on every request; this keeps the
cost of a part to a dictionary lookup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.functional import SimpleLazyObject

# A mark, or a block: shared markup that its part shows to some viewers only.
MARK = re.compile(
    r"<!--personal ([a-z_.]+)((?: [\w-]*)*)-->"
    r"|<!--personal-block ([a-z_.]+)((?: [\w-]*)*)-->(.*?)<!--/personal-block-->",
    re.DOTALL,
)
MARK_START = "<!--personal"
BLOCK_END = "<!--/personal-block-->"
WORD = re.compile(r"[\w-]*")

Render = Callable[..., str]
# Kept markup (see the module's docstring), emptied when it holds this many.
KEPT_MAX = 4096
_kept: dict[Hashable, str] = {}
# Stands for the form token in kept markup. Only the attribute is replaced, quotes and all:
# the same letters in a page's address or a name (escaped, so never beside a bare quote) stay.
STAND_IN = "keptformtokenstandin"
TOKEN_STAND_IN = f'value="{STAND_IN}"'
Load = Callable[["Viewer", list[tuple[str, ...]]], Any]


@dataclass(frozen=True)
class Part:
    render: Render
    load: Load | None


PARTS: dict[str, Part] = {}


def personal_part(name: str, *, load: Load | None = None) -> Callable[[Render], Render]:
    """Register `render(viewer, loaded, *args)` for the marks named `name`.

    `load(viewer, [args of each mark])`, when given, runs once per page before the marks are
    rendered; its result is passed to every `render` call (None without a `load`).
    """

    def register(render: Render) -> Render:
        if name in PARTS:
            raise ValueError(f"the personal part {name!r} is registered twice")
        PARTS[name] = Part(render=render, load=load)
        return render

    return register


def mark(name: str, *args: object) -> str:
    """The mark a template leaves for the part `name` (see the `personal` template tag)."""
    return f"{MARK_START} {_named(name, args)}-->"


def block(name: str, *args: object, content: str) -> str:
    """Shared markup (`content`, rendered once with the page) that the part `name` shows, or
    not, to each viewer: `render(viewer, loaded, *args, content=content)`. Cheaper than a
    mark when the markup is the same for everyone it is shown to (an author's Edit link)."""
    if MARK_START in content:
        raise ValueError("a personal block cannot hold marks")
    return f"{MARK_START}-block {_named(name, args)}-->{content}{BLOCK_END}"


def _named(name: str, args: tuple[object, ...]) -> str:
    if name not in PARTS:
        raise ValueError(f"no personal part is registered as {name!r}")
    words = ["" if arg is None else str(arg) for arg in args]
    for word in words:
        if not WORD.fullmatch(word):
            raise ValueError(f"a personal part takes words, not {word!r}")
    return " ".join([name, *words])


class Viewer:
    """Who is looking, for the parts: the request, the user, and one form token per page."""

    def __init__(self, request: HttpRequest, *, as_visitor: bool = False) -> None:
        self.request = request
        self.user = AnonymousUser() if as_visitor else request.user
        self._loaded: dict[Hashable, Any] = {}
        # Every mark of the page by part name, so that one app's parts can share one query.
        self.marks: dict[str, list[tuple[str, ...]]] = {}

    def once(self, key: Hashable, load: Callable[[], Any]) -> Any:
        """`load()` the first time `key` is asked for on this page; the same answer after:
        several kinds of parts can share one query (see `marks`)."""
        if key not in self._loaded:
            self._loaded[key] = load()
        return self._loaded[key]

    @cached_property
    def csrf_token(self) -> str:
        """The page's form token, made once for all of its parts; none for a visitor.

        Visitors' pages are shared (core/page_cache.py): a token in one, or its cookie on the
        response, would be one visitor's handed to everybody. Their parts show no form.
        """
        if not self.user.is_authenticated:
            return ""
        return get_token(self.request)

    @cached_property
    def context(self) -> dict[str, Any]:
        return {
            "request": self.request,
            "user": self.user,
            # Made only when a part shows a form, as Django's own context processor does.
            "csrf_token": SimpleLazyObject(lambda: self.csrf_token),
        }

    def render(self, template_name: str, context: dict[str, Any] | None = None, *,
               kept: Hashable = None) -> str:  # fmt: skip
        """A part's template, rendered without the context processors (parts need none).

        With `kept`, words naming everything the template shows but the form token (the
        viewer's name, their entry's status and score…), the markup is made once per worker
        for those words and whether the viewer is signed in, then only given this page's token.
        """
        if kept is None:
            return get_template(template_name).render({**self.context, **(context or {})})
        key = (template_name, self.user.is_authenticated, kept)
        if (markup := _kept.get(key)) is None:
            stand_in = {**self.context, "csrf_token": STAND_IN, **(context or {})}
            markup = get_template(template_name).render(stand_in)
            if len(_kept) >= KEPT_MAX:
                _kept.clear()
            _kept[key] = markup
        if TOKEN_STAND_IN not in markup:
            return markup
        return markup.replace(TOKEN_STAND_IN, f'value="{self.csrf_token}"')


def fill(request: HttpRequest, content: str, *, as_visitor: bool = False) -> str:
    """`content` with every mark replaced by its part as `request`'s viewer sees it, or as a
    visitor does (`as_visitor`: for pages that must not ask the database who is signed in)."""
    found = MARK.findall(content)
    if not found:
        return content
    viewer = Viewer(request, as_visitor=as_visitor)
    for name, words, block_name, block_words, _ in found:
        viewer.marks.setdefault(name or block_name, []).append(_words(words or block_words))
    loaded = {
        name: PARTS[name].load(viewer, args) if PARTS[name].load else None  # type: ignore[misc]
        for name, args in viewer.marks.items()
    }

    def part(match: re.Match[str]) -> str:
        name, words, block_name, block_words, content = match.groups()
        if name:
            return PARTS[name].render(viewer, loaded[name], *_words(words))
        render = PARTS[block_name].render
        return render(viewer, loaded[block_name], *_words(block_words), content=content)

    return MARK.sub(part, content)


def _words(words: str) -> tuple[str, ...]:
    # " 12  5" -> ("12", "", "5"): an empty word is an argument that was None.
    return tuple(words[1:].split(" ")) if words else ()
