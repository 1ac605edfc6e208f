"""Where a page's personal marks are (core/personal.py): the page split at its marks, kept
for the pages filled again and again, and the markup made once for members (`Plain`).

A split is the text between the marks, and the marks. A stored page is split once per worker
and its split kept (`Splits`); a member's fill of it starts from its `PlainPage`, the page with
the marks of parts that look the same to most members made once, and fills only the others.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.personal import Viewer

# A mark, or a block: shared markup that its part shows to some viewers only.
MARK = re.compile(
    r"<!--personal ([a-z_.]+)((?: [\w-]*)*)-->"
    r"|<!--personal-block ([a-z_.]+)((?: [\w-]*)*)-->(.*?)<!--/personal-block-->",
    re.DOTALL,
)
MARK_START = "<!--personal"
BLOCK_END = "<!--/personal-block-->"
WORD = re.compile(r"[\w-]*")


@dataclass(frozen=True)
class Plain:
    """How a part's marks look to the members they do not concern (core/personal.py).

    `render(*words, content=…)` is the mark's markup for such a member, with the form token's
    stand-in (`content` for a block only). `at` are the positions of the words that say whom a
    mark concerns (its author's id, its comment's id); `picks(viewer, loaded)` are the words,
    at any of those positions, of the marks that concern the viewer, which are filled as any
    other mark; None when all of them do (a moderator's page). A mark picked by mistake (a
    comment whose id is the viewer's) is only filled, never wrong.
    """

    render: Callable[..., str]
    at: tuple[int, ...]
    picks: Callable[[Viewer, Any], Collection[str] | None]


# A mark: its part's name, its words, a block's shared markup (None for a mark) and the mark
# as the page has it (kept where its part is not filled). A plain tuple of text, as is all a
# kept split holds: the garbage collector stops walking such tuples once it has seen them,
# where it walks a class's instances on every full pass (in a worker keeping a hundred long
# pages, tens of thousands of them).
Mark = tuple[str, tuple[str, ...], str | None, str]


@dataclass(frozen=True, slots=True)
class PlainPage:
    """A split page made for members (`Plain`): `filled` is the page as pieces, each mark's
    piece made for a member it does not concern, or the mark as it stands where its part has
    no `Plain` (`others`, the indexes of those marks, filled for each member). `at` holds each
    plain part's `Plain` and finds its marks by a word at each of its positions; `of_part`
    lists them all; `words` are the words of every mark by part, as `Viewer.marks` holds them.
    """

    filled: tuple[str, ...]
    others: tuple[int, ...]
    at: dict[str, tuple[Plain, tuple[dict[str, tuple[int, ...]], ...]]]
    of_part: dict[str, tuple[int, ...]]
    words: dict[str, tuple[tuple[str, ...], ...]]
    encoded: bytes
    ends: tuple[int, ...]
    charset: str


class Split:
    """A page split at its marks: the text between them, and the marks."""

    __slots__ = ("_plain", "marks", "texts")

    def __init__(self, texts: tuple[str, ...], marks: tuple[Mark, ...]) -> None:
        self.texts, self.marks = texts, marks
        self._plain: PlainPage | None = None

    def plain(self, plain_of: Callable[[str], Plain | None], charset: str) -> PlainPage:
        """The page as members see it but for the marks that concern them, made once and
        encoded in `charset`; `plain_of` gives each part's `Plain` by its name."""
        if self._plain is None or self._plain.charset != charset:
            self._plain = self._made_plain(plain_of, charset)
        return self._plain

    def _made_plain(self, plain_of: Callable[[str], Plain | None], charset: str) -> PlainPage:
        filled = [self.texts[0]]
        others: list[int] = []
        at: dict[str, tuple[Plain, tuple[dict[str, list[int]], ...]]] = {}
        of_part: dict[str, list[int]] = {}
        words: dict[str, list[tuple[str, ...]]] = {}
        for index, ((name, args, content, source), text) in enumerate(
            zip(self.marks, self.texts[1:], strict=True)
        ):
            words.setdefault(name, []).append(args)
            if (plain := plain_of(name)) is None:
                others.append(index)
                filled += [source, text]
                continue
            made = plain.render(*args) if content is None else plain.render(*args, content=content)
            filled += [made, text]
            of_part.setdefault(name, []).append(index)
            if name not in at:
                at[name] = (plain, tuple({} for _ in plain.at))
            for position, marks in zip(plain.at, at[name][1], strict=True):
                marks.setdefault(args[position], []).append(index)
        encoded = [piece.encode(charset) for piece in filled]
        # Kept as tuples, which the garbage collector stops walking (`Mark`).
        return PlainPage(
            tuple(filled),
            tuple(others),
            {name: (plain, tuple({word: tuple(found) for word, found in marks.items()}
                                 for marks in found_at))
             for name, (plain, found_at) in at.items()},
            {name: tuple(indexes) for name, indexes in of_part.items()},
            {name: tuple(args) for name, args in words.items()},
            b"".join(encoded),
            tuple(accumulate(map(len, encoded))),
            charset,
        )  # fmt: skip


class Splits:
    """Pages split at their marks: the text between the marks, and the marks. A worker fills
    the same few pages again and again (a stored shared page for each member who opens it), so
    a page whose key names it for good is scanned once and its split kept, the most recently
    filled first, up to `limit` characters in all. Pages without such a key (one member's page,
    a page rendered for one request) are scanned each time and not kept."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._kept: OrderedDict[str, Split] = OrderedDict()
        self._chars = 0
        # The development server and the test suite's live servers serve from threads.
        self._lock = threading.Lock()

    def split(self, content: str, key: str | None = None) -> Split:
        """The split of `content`; kept under `key`, when given, for the next fill."""
        if key is not None:
            with self._lock:
                if (found := self._kept.get(key)) is not None:
                    self._kept.move_to_end(key)
                    return found
        texts, marks, at = [], [], 0
        for match in matches(content):
            name, words, block_name, block_words, inner = match.groups()
            texts.append(content[at : match.start()])
            marks.append((name or block_name, words_of(words or block_words),
                          None if name else inner, match.group(0)))  # fmt: skip
            at = match.end()
        texts.append(content[at:])
        split = Split(tuple(texts), tuple(marks))
        if key is None or (size := sum(map(len, texts))) > self.limit:
            return split
        with self._lock:
            if key not in self._kept:
                self._kept[key] = split
                self._chars += size
                while self._chars > self.limit:
                    _, gone = self._kept.popitem(last=False)
                    self._chars -= sum(map(len, gone.texts))
        return split


# About 170 title pages with a hundred comments each, per worker: the pages most read.
splits = Splits(limit=32_000_000)


def split_at_marks(content: str, key: str | None = None) -> Split:
    """The split of `content`, kept under `key` when given (`Splits.split`)."""
    return splits.split(content, key)


def matches(content: str) -> Iterator[re.Match[str]]:
    """The marks of `content`, as `MARK.finditer` finds them, but looked for with `str.find`:
    the expression alone tries every "<" of the page, which on a page with few marks left (a
    member's kept page, `LivePage`) takes four times as long."""
    at = 0
    while (start := content.find(MARK_START, at)) != -1:
        if (match := MARK.match(content, start)) is None:
            at = start + 1
            continue
        yield match
        at = match.end()


def words_of(words: str) -> tuple[str, ...]:
    # " 12  5" -> ("12", "", "5"): an empty word is an argument that was None.
    return tuple(words[1:].split(" ")) if words else ()
