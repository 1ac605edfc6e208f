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
page only puts its own token in.

A part shown beside every comment of a page (Like, Report, the author's Edit link) looks the
same to almost every member but for the comment's id. Such a part says so with `Plain`: how its
mark looks to a member it does not concern, and which marks concern the viewer (their own
comments, the ones they like). A member's fill of a stored page then starts from the page with
every such mark made once, kept with the page's split, and fills only the marks that concern
them: a page of a hundred comments costs its member a few parts, not four hundred.

A member's filled page is stored too (core/page_cache.py), under the version of everything
of theirs the parts show (`member_version`), with a stand-in for the form token (`fill_to_keep`).
Parts that show what others change (the bell's unread count) are `live`: their marks stay in
the stored page, and each request fills only those and its own token in (`fill_live`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.crypto import salted_hmac
from django.utils.functional import LazyObject, SimpleLazyObject, empty

from core import replicas, worker_memory
from core.marks import BLOCK_END, MARK_START, WORD, Mark, Plain, PlainPage, Split, split_at_marks
from core.versions import MEMBERS, member_version, newest_write, versions

# Stands for an object's id in kept markup (`Viewer.render`, `then`): no id, count or score of
# the site comes near it.
ID_STAND_IN = 2_147_483_629
Render = Callable[..., str]
T = TypeVar("T")
# Kept markup (see the module's docstring), emptied when it holds this many.
KEPT_MAX = 4096
_kept: dict[Hashable, str] = {}
Load = Callable[["Viewer", list[tuple[str, ...]]], Any]


@cache
def stand_in(what: str = "form token") -> str:
    """Stands for `what` (the form token, unless named) in kept markup and stored members'
    pages, and is replaced wherever it is before a page goes out. Made from the site's secret
    key, so no text that anybody writes can spell it, and the same in every worker."""
    return salted_hmac("core.personal.stand_in", what).hexdigest()


@dataclass(frozen=True)
class Part:
    render: Render
    load: Load | None
    live: bool
    plain: Plain | None = None


PARTS: dict[str, Part] = {}


def personal_part(name: str, *, load: Load | None = None, live: bool = False,
                  plain: Plain | None = None) -> Callable[[Render], Render]:  # fmt: skip
    """Register `render(viewer, loaded, *args)` for the marks named `name`.

    `load(viewer, [args of each mark])`, when given, runs once per page before the marks are
    rendered; its result is passed to every `render` call (None without a `load`). A `live`
    part shows what others change, and is filled on every request; a part with `plain` marks
    looks the same to most members (see the module's docstring).
    """

    def register(render: Render) -> Render:
        if name in PARTS:
            raise ValueError(f"the personal part {name!r} is registered twice")
        if live and plain:
            raise ValueError(f"the live personal part {name!r} is filled for each request")
        PARTS[name] = Part(render=render, load=load, live=live, plain=plain)
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

    def __init__(self, request: HttpRequest, *, as_visitor: bool = False,
                 token: str | None = None) -> None:  # fmt: skip
        self.request = request
        self.user = AnonymousUser() if as_visitor else _unwrapped(request.user)
        # The form token the parts show, when not this request's own (`stand_in`).
        self._token = token
        self._loaded: dict[Hashable, Any] = {}
        # Every mark of the page by part name, so that one app's parts can share one query.
        self.marks: dict[str, list[tuple[str, ...]]] = {}

    def once(self, key: Hashable, load: Callable[[], Any]) -> Any:
        """`load()` the first time `key` is asked for on this page; the same answer after:
        several kinds of parts can share one query (see `marks`)."""
        if key not in self._loaded:
            self._loaded[key] = load()
        return self._loaded[key]

    def remembered(self, name: str, load: Callable[[], T]) -> T:
        """`load()`, kept in the cache under the member's own version (`member_version`,
        which every write of theirs moves) and MEMBERS (which bulk loads move): for what of
        theirs is the same on every page, and small (the names of their lists)."""
        if not self.user.is_authenticated:
            return load()
        if (current := versions([member_version(self.user.pk), MEMBERS])) is None:
            return load()
        # Its key names everything it shows: this worker may keep it (core/worker_memory.py).
        key = f"personal:{name}:{self.user.pk}:" + ":".join(current)
        if (found := worker_memory.stored.get(key)) is None:
            replicas.read_at_least(newest_write(current))
            found = load()
            worker_memory.stored.set(key, found, settings.PAGE_CACHE_TTL)
        return found

    @cached_property
    def csrf_token(self) -> str:
        """The page's form token, made once for all of its parts; none for a visitor.

        Visitors' pages are shared (core/page_cache.py): a token in one, or its cookie on the
        response, would be one visitor's handed to everybody. Their parts show no form.
        """
        if not self.user.is_authenticated:
            return ""
        return self._token or get_token(self.request)

    @cached_property
    def context(self) -> dict[str, Any]:
        return {
            "request": self.request,
            "user": self.user,
            # Made only when a part shows a form, as Django's own context processor does.
            "csrf_token": SimpleLazyObject(lambda: self.csrf_token),
        }

    def render(self, template_name: str, context: dict[str, Any] | None = None, *,
               kept: Hashable = None, then: dict[str, str] | None = None) -> str:  # fmt: skip
        """A part's template, rendered without the context processors (parts need none).

        With `kept`, words naming everything the template shows but the form token (the
        viewer's name, their entry's status and score…), the markup is made once per worker
        for those words and whether the viewer is signed in, then only given this page's token.
        What changes from page to page (the page's address, a title's id) may go into the
        context as stand-ins instead, with `then` saying the text each is replaced by in the
        kept markup (escaped as the template would): one markup then serves every page.
        """
        if kept is None:
            markup = get_template(template_name).render({**self.context, **(context or {})})
        else:
            markup = with_token(self._kept_markup(template_name, context, kept), self.csrf_token)
        for standing, text in (then or {}).items():
            markup = markup.replace(standing, text)
        return markup

    def _kept_markup(self, template_name: str, context: dict[str, Any] | None,
                     kept: Hashable) -> str:  # fmt: skip
        key = (template_name, self.user.is_authenticated, kept)
        if (markup := _kept.get(key)) is None:
            standing_in = {**self.context, "csrf_token": stand_in(), **(context or {})}
            markup = get_template(template_name).render(standing_in)
            if len(_kept) >= KEPT_MAX:
                _kept.clear()
            _kept[key] = markup
        return markup


def _unwrapped(user: T) -> T:
    """The user behind the request's lazy stand-in (AuthenticationMiddleware's): a page's parts
    ask the user hundreds of things, and each question through the stand-in costs a call."""
    if not isinstance(user, LazyObject):
        return user
    if user._wrapped is empty:  # type: ignore[attr-defined]
        user._setup()  # type: ignore[attr-defined]
    return user._wrapped  # type: ignore[attr-defined]


def with_token(content: str, token: str) -> str:
    """`content` with `token` wherever the stand-in for the form token is."""
    return content.replace(stand_in(), token) if stand_in() in content else content


def fill(request: HttpRequest, content: str, *, as_visitor: bool = False,
         key: str | None = None) -> str:  # fmt: skip
    """`content` with every mark replaced by its part as `request`'s viewer sees it, or as a
    visitor does (`as_visitor`: for pages that must not ask the database who is signed in).
    `key` names the content for good (a stored page's key): its split is kept (core/marks.py)."""
    return _fill(Viewer(request, as_visitor=as_visitor), content, lambda part: True, key)


def fill_to_keep(request: HttpRequest, content: str, *, key: str | None = None,
                 charset: str = "utf-8") -> LivePage:  # fmt: skip
    """`content` as the member sees it, to be kept for them: the form token is the stand-in,
    and the marks of live parts stay (`fill_live` fills them for each request). With `key`,
    marks of parts that look the same to most members come made already (`Plain`), and the
    page is cut from the kept plain page's bytes, not encoded again."""
    viewer = Viewer(request, token=stand_in())
    if key is None or MARK_START not in content or not viewer.user.is_authenticated:
        return LivePage.of_text(_fill(viewer, content, lambda part: not part.live, key), charset)
    split = split_at_marks(content, key)
    return _fill_plain(viewer, split, split.plain(lambda name: PARTS[name].plain, charset))


class LivePage:
    """A member's page as `fill_to_keep` made it, to be kept for them: its bytes, cut where
    each request puts its own in (`fill_live`), at the marks of live parts (`texts` are the
    bytes around `marks`) and at the stand-ins for the form token."""

    __slots__ = ("_chunks", "_marks", "charset", "nbytes")

    def __init__(self, texts: list[bytes], marks: list[Mark], charset: str) -> None:
        self.charset = charset
        self._marks = tuple(marks)
        # Tuples of bytes, which the garbage collector lets go of (core/marks.py `Mark`).
        token = stand_in().encode(charset)
        self._chunks = tuple(tuple(text.split(token)) for text in texts)
        self.nbytes = sum(len(piece) for chunk in self._chunks for piece in chunk)

    @classmethod
    def of_text(cls, content: str, charset: str) -> LivePage:
        """The page from its text, marks of live parts only."""
        # A page one member reads, with a live mark or two: its split is not worth keeping.
        split = split_at_marks(content)
        return cls([text.encode(charset) for text in split.texts], list(split.marks), charset)

    def __bytes__(self) -> bytes:
        """The page as kept: the stand-in for the form token, and the live marks as they are."""
        return self._joined(stand_in().encode(self.charset), [mark[3] for mark in self._marks])

    def filled(self, viewer: Viewer) -> bytes:
        """The page with the viewer's live parts and form token."""
        for name, words, _, _ in self._marks:
            viewer.marks.setdefault(name, []).append(words)
        loaded = _loaded(viewer)
        # Asking for a token marks the cookie for sending: only for a page with a form.
        token = viewer.csrf_token.encode() if any(len(c) > 1 for c in self._chunks) else b""
        return self._joined(token, [_filled(viewer, loaded, mark) for mark in self._marks])

    def _joined(self, token: bytes, marks: list[str]) -> bytes:
        """The page with `token` for the stand-ins and `marks` for its marks, in turn."""
        pieces = [token.join(self._chunks[0])]
        for made, chunk in zip(marks, self._chunks[1:], strict=True):
            pieces += [made.encode(self.charset), token.join(chunk)]
        return b"".join(pieces)


def fill_live(request: HttpRequest, page: LivePage) -> bytes:
    """A member's kept page (`fill_to_keep`, `LivePage`) for this request: its live parts, and
    this response's own form token in place of the stand-in."""
    return page.filled(Viewer(request))


def _fill(viewer: Viewer, content: str, chosen: Callable[[Part], bool], key: str | None) -> str:
    """`content` with the marks of the `chosen` parts filled in for `viewer`."""
    if MARK_START not in content:
        return content
    split = split_at_marks(content, key)
    texts, marks = split.texts, split.marks
    for name, words, _, _ in marks:
        if chosen(PARTS[name]):
            viewer.marks.setdefault(name, []).append(words)
    if not viewer.marks:
        return content
    loaded = _loaded(viewer)
    filled = [texts[0]]
    for mark, text in zip(marks, texts[1:], strict=True):
        filled.append(_filled(viewer, loaded, mark))
        filled.append(text)
    return "".join(filled)


def _fill_plain(viewer: Viewer, split: Split, plain: PlainPage) -> LivePage:
    """The split page for a member, from its plain markup (`Plain`): only the marks of other
    parts, and those that concern the member, are filled for them, and put between the plain
    page's bytes; the marks of live parts stay."""
    viewer.marks = {name: list(words) for name, words in plain.words.items()
                    if not PARTS[name].live}  # fmt: skip
    loaded = _loaded(viewer)
    todo = set(plain.others)
    for name, (part, marks_at) in plain.at.items():
        if (picks := part.picks(viewer, loaded[name])) is None:
            todo.update(plain.of_part[name])
            continue
        for word in picks:
            for marks in marks_at:
                todo.update(marks.get(word, ()))
    texts: list[bytes] = []
    live: list[Mark] = []
    text: list[bytes] = []
    at = 0
    for index in sorted(todo):
        # The mark's piece of the plain page is the 2 × index + 1st (`PlainPage.ends`).
        mark = split.marks[index]
        text.append(plain.encoded[at : plain.ends[2 * index]])
        at = plain.ends[2 * index + 1]
        if mark[0] in loaded:
            text.append(_filled(viewer, loaded, mark).encode(plain.charset))
        else:
            texts.append(b"".join(text))
            live.append(mark)
            text = []
    text.append(plain.encoded[at:])
    texts.append(b"".join(text))
    return LivePage(texts, live, plain.charset)


def _loaded(viewer: Viewer) -> dict[str, Any]:
    """What each part of the viewer's marks loads, once for the page."""
    return {
        name: PARTS[name].load(viewer, args) if PARTS[name].load else None  # type: ignore[misc]
        for name, args in viewer.marks.items()
    }


def _filled(viewer: Viewer, loaded: dict[str, Any], mark: Mark) -> str:
    """The mark filled for the viewer; as it stands if its part was not chosen (not loaded)."""
    name, words, content, source = mark
    if name not in loaded:
        return source
    render = PARTS[name].render
    if content is None:
        return render(viewer, loaded[name], *words)
    return render(viewer, loaded[name], *words, content=content)
