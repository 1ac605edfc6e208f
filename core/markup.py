"""Members' formatted text (comments, reviews): a small, safe Markdown with inline spoilers
(`||words||`) and @mentions.

- Parsed by markdown-it-py from its "zero" preset plus an allowlist of rules, so syntax that a
  new release adds stays off until chosen here: paragraphs, single newlines as `<br>` (as
  `linebreaks` gave), *emphasis*, ~~strikethrough~~, links, `> quotes`, lists, `inline code`.
  Off: raw HTML (shown escaped), headings, tables, code blocks, rules and images. With no
  image rule `![x](y)` reads as "!" and an ordinary link, under the link checks below.
  Quotes and lists nested past markdown-it's maxNesting (20 levels) lose their content.
- A link keeps its address only when it is http(s), mailto or a path on this site ("/…", not
  "//…"). markdown-it checks it after decoding entities and percent-encoding the rest, so an
  obfuscated `jav&#x09;ascript:` fails too; a refused link stays literal text.
- The parser is not the only guard: its HTML goes through nh3 with tag, attribute, value and
  class allowlists. nh3 adds rel="nofollow ugc" to every link and passes relative URLs through
  unchanged (its default), which the mention links need.
- Spoilers are paired delimiters like ~~strikethrough~~, matched by markdown-it's own linear
  pairing: emphasis works inside, an unmatched `||` stays text, a spoiler cannot leave its
  paragraph, and `||a ||b|| c||` nests (the inner pair is a spoiler inside the outer one,
  revealed on its own). `||||` stays text: markdown-it never pairs marks of one run.
- Mentions are an inline rule at "@", so code spans and link texts, which other rules consume,
  never hold one. The names linked are kept in the parse's `env`, so `mentioned()` returns
  exactly the names `render()` links. A name is linked whether or not the member exists.
"""

import re
from typing import Any, Literal

import nh3
from django.conf import settings
from django.urls import NoReverseMatch
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from markdown_it import MarkdownIt
from markdown_it.rules_inline.state_inline import Delimiter, StateInline
from markdown_it.token import Token

from core.links import page_link

PIPE = "|"
SPOILER_TITLE = "Spoiler: select to show"
NAME = re.compile(r"[\w.+-]+")
WORD_CHAR = re.compile(r"\w")
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
SCHEMES = {"http", "https", "mailto"}
INVISIBLE = re.compile(r"[\x00-\x20\x7f]")  # what browsers drop from or around a URL

CLEAN: dict[str, Any] = {
    "tags": {"p", "br", "em", "strong", "s", "a", "blockquote", "ul", "ol", "li", "code", "span"},
    "attributes": {"a": {"href", "title"}, "ol": {"start"}},
    "tag_attribute_values": {"span": {"tabindex": {"0"}, "title": {SPOILER_TITLE}}},
    "allowed_classes": {"a": {"mention"}, "span": {"spoiler"}},
    "url_schemes": SCHEMES,
    "link_rel": "nofollow ugc",
}


def _safe_link(url: str) -> bool:
    """markdown-it's link check, narrowed to an allowlist: its own only refuses a few schemes."""
    url = INVISIBLE.sub("", url).lower()
    if url.startswith("/"):
        return not url.startswith(("//", "/\\"))  # both mean another host to a browser
    scheme = SCHEME.match(url)
    return scheme is not None and scheme[1] in SCHEMES


def _spoiler_marks(state: StateInline, silent: bool) -> bool:
    """Each `||` of a run becomes a text token and a delimiter; `_spoiler_pairs` tags the
    pairs that markdown-it's balance_pairs matched. An odd run's extra `|` stays text."""
    if silent or state.src[state.pos] != PIPE:
        return False
    scanned = state.scanDelims(state.pos, True)
    if scanned.length < 2:
        return False
    if scanned.length % 2:
        state.push("text", "", 0).content = PIPE
    for _ in range(scanned.length // 2):
        state.push("text", "", 0).content = PIPE * 2
        token = len(state.tokens) - 1
        mark = Delimiter(ord(PIPE), 0, token, -1, scanned.can_open, scanned.can_close)
        state.delimiters.append(mark)  # length 0: no "rule of 3", which is for emphasis
    state.pos += scanned.length
    return True


def _spoiler_pairs(state: StateInline) -> None:
    """Turn matched `||` pairs into spoiler tags, at the top level and inside every link."""
    lists = [state.delimiters] + [
        m["delimiters"] for m in state.tokens_meta if m and "delimiters" in m
    ]
    for delimiters in lists:
        for opener in delimiters:
            if opener.marker != ord(PIPE) or opener.end < 0:
                continue
            _make_tag(state.tokens[opener.token], 1)
            _make_tag(state.tokens[delimiters[opener.end].token], -1)


def _make_tag(token: Token, nesting: Literal[-1, 1]) -> None:
    token.type = "spoiler_open" if nesting > 0 else "spoiler_close"
    token.tag, token.nesting, token.markup, token.content = "span", nesting, PIPE * 2, ""
    if nesting > 0:
        token.attrs = {"class": "spoiler", "tabindex": "0", "title": SPOILER_TITLE}


def _mention(state: StateInline, silent: bool) -> bool:
    """`@name` as a link to the member's page; a preceding word character (an e-mail
    address) or a trailing "." or "-" is no part of it."""
    start = state.pos
    if silent or state.linkLevel or state.src[start] != "@":
        return False
    if start and WORD_CHAR.match(state.src[start - 1]):
        return False
    found = NAME.match(state.src, start + 1, state.posMax)
    name = found[0].rstrip(".-") if found else ""
    href = _member_link(state.env, name) if name else None  # type: ignore[arg-type]
    if href is None:
        return False
    state.push("link_open", "a", 1).attrs = {"class": "mention", "href": href}
    state.push("text", "", 0).content = "@" + name
    state.push("link_close", "a", -1)
    state.pos = start + 1 + len(name)
    return True


def _member_link(env: dict[str, Any], name: str) -> str | None:
    """The address for `name`, or None past MENTIONS_MAX distinct names or if none fits."""
    links = env.setdefault("mentions", {})  # name -> address, in order of first mention
    if name not in links:
        if len(links) >= settings.MENTIONS_MAX:
            return None
        try:
            links[name] = page_link("member", name)
        except NoReverseMatch:
            return None
    return links[name]


def _line_break(*args: Any) -> str:
    return "<br>"  # as `linebreaks` wrote it, without markdown-it's "\n" after


def _build() -> MarkdownIt:
    md = MarkdownIt("zero", {"breaks": True, "html": False})
    md.enable(["blockquote", "list", "newline", "escape", "entity", "backticks", "emphasis",
               "strikethrough", "link", "autolink"])  # fmt: skip
    md.validateLink = _safe_link  # type: ignore[method-assign]
    md.inline.add_terminator_char(PIPE)
    md.inline.ruler.before("emphasis", "spoiler", _spoiler_marks)
    md.inline.ruler2.before("fragments_join", "spoiler", _spoiler_pairs)
    md.inline.ruler.push("mention", _mention)
    md.add_render_rule("softbreak", _line_break)
    md.add_render_rule("hardbreak", _line_break)
    return md


MARKDOWN = _build()


def render(text: str) -> SafeString:
    """A member's text as safe HTML."""
    return mark_safe(nh3.clean(MARKDOWN.render(text, {}), **CLEAN))


def mentioned(text: str) -> list[str]:
    """The names `render(text)` links, in order of first mention: the members to notify."""
    env: dict[str, Any] = {}
    MARKDOWN.parse(text, env)
    return list(env.get("mentions", {}))


def plain_teaser(text: str, words: int) -> str:
    """The text without markup, each spoiler shown as "[spoiler]", cut after `words` words."""
    parts = []
    for block in MARKDOWN.parse(text, {}):
        parts.append(" ")  # between paragraphs, list items, quotes
        hidden = 0
        for token in block.children or []:
            if token.type == "spoiler_open":
                parts.append("" if hidden else "[spoiler]")
                hidden += 1
            elif token.type == "spoiler_close":
                hidden -= 1
            elif not hidden:  # inline tags have no content; text and code have their words
                parts.append(" " if token.type.endswith("break") else token.content)
    return Truncator(" ".join("".join(parts).split())).words(words, truncate=" …")
