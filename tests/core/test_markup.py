"""Members' formatted text (core/markup.py): the Markdown allowed, what is refused, inline
spoilers, @mentions, the plain teaser, and a cost that stays linear in the text's length."""

import re
import time

import pytest
from django.template import Context, Template

from core.markup import mentioned, plain_teaser, render

SPOILER = '<span class="spoiler" tabindex="0" title="Spoiler: select to show">'


def mention(name: str, href: str | None = None) -> str:
    return f'<a class="mention" href="{href or f"/users/{name}/"}" rel="nofollow ugc">@{name}</a>'


def test_emphasis_strong_strikethrough_and_inline_code_render():
    assert render("*it* **bold** ~~gone~~ `x < y`") == (
        "<p><em>it</em> <strong>bold</strong> <s>gone</s> <code>x &lt; y</code></p>\n"
    )


def test_paragraphs_and_single_newlines_render_as_linebreaks_did():
    assert render("one\ntwo\n\nthree") == "<p>one<br>two</p>\n<p>three</p>\n"


def test_quotes_and_lists_render():
    html = render("> quoted\n\n- a\n- b\n\n3. c\n4. d")
    assert "<blockquote>\n<p>quoted</p>\n</blockquote>" in html
    assert "<ul>\n<li>a</li>\n<li>b</li>\n</ul>" in html
    assert '<ol start="3">\n<li>c</li>\n<li>d</li>\n</ol>' in html


def test_links_are_nofollow_ugc_and_keep_their_title():
    assert render('[site](https://example.com/a?b=1 "Example")') == (
        '<p><a href="https://example.com/a?b=1" title="Example" rel="nofollow ugc">site</a></p>\n'
    )
    assert render("<https://example.com>") == (
        '<p><a href="https://example.com" rel="nofollow ugc">https://example.com</a></p>\n'
    )
    assert render("[mail](mailto:me@example.com)") == (
        '<p><a href="mailto:me@example.com" rel="nofollow ugc">mail</a></p>\n'
    )


def test_a_site_relative_link_survives_but_another_host_without_a_scheme_does_not():
    assert render("[me](/users/alice/)") == (
        '<p><a href="/users/alice/" rel="nofollow ugc">me</a></p>\n'
    )
    assert render("[far](//evil.example/)") == "<p>[far](//evil.example/)</p>\n"


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ('<iframe src="https://evil.example"></iframe>', "&lt;iframe src="),
        ('<a href="javascript:alert(1)">x</a>', '&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;'),
    ],
)
def test_raw_html_is_shown_as_text(raw, shown):
    html = render(raw)
    assert shown in html
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert "<a " not in html


def test_raw_html_blocks_are_shown_as_text_too():
    assert render("<div>\n<script>x()</script>\n</div>") == (
        "<p>&lt;div&gt;<br>&lt;script&gt;x()&lt;/script&gt;<br>&lt;/div&gt;</p>\n"
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "JavaScript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "&#106;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "relative/path",
    ],
)
def test_a_link_to_another_scheme_loses_its_href(url):
    html = render(f"[click](<{url}>) and [again]({url})")
    assert "<a" not in html and "href" not in html
    assert html.startswith("<p>[click](") and "[again](" in html


def test_an_autolink_to_javascript_stays_text():
    assert render("<javascript:alert(1)>") == "<p>&lt;javascript:alert(1)&gt;</p>\n"


def test_an_image_is_shown_as_a_link_not_an_image():
    assert render("![a cat](https://example.com/cat.png)") == (
        '<p>!<a href="https://example.com/cat.png" rel="nofollow ugc">a cat</a></p>\n'
    )
    assert render("![x](javascript:alert(1))") == "<p>![x](javascript:alert(1))</p>\n"


def test_headings_tables_and_code_blocks_stay_text():
    assert render("# Title") == "<p># Title</p>\n"
    assert render("Title\n=====") == "<p>Title<br>=====</p>\n"
    assert render("| a | b |\n|---|---|\n| 1 | 2 |") == (
        "<p>| a | b |<br>|---|---|<br>| 1 | 2 |</p>\n"
    )
    assert render("    indented") == "<p>indented</p>\n"


def test_a_spoiler_hides_its_words():
    assert render("The killer is ||the butler||.") == (
        f"<p>The killer is {SPOILER}the butler</span>.</p>\n"
    )


def test_markdown_works_inside_a_spoiler():
    assert render("||*she* **lives** [yes](https://e.org)||") == (
        f'<p>{SPOILER}<em>she</em> <strong>lives</strong> <a href="https://e.org" '
        'rel="nofollow ugc">yes</a></span></p>\n'
    )


def test_an_unclosed_spoiler_stays_text():
    assert render("a || b and ||c") == "<p>a || b and ||c</p>\n"


def test_nested_spoilers_nest():
    assert render("||a ||b|| c||") == f"<p>{SPOILER}a {SPOILER}b</span> c</span></p>\n"


def test_a_spoiler_crossing_emphasis_comes_out_well_formed():
    assert render("||a **b|| c**") == f"<p>{SPOILER}a **b</span> c**</p>\n"


def test_a_spoiler_may_hold_a_line_break_but_not_a_paragraph_break():
    assert render("||one\ntwo||") == f"<p>{SPOILER}one<br>two</span></p>\n"
    assert render("||one\n\ntwo||") == "<p>||one</p>\n<p>two||</p>\n"


def test_an_empty_spoiler_stays_text():
    assert render("||||") == "<p>||||</p>\n"
    assert render("a||||b") == "<p>a||||b</p>\n"


def test_a_spoiler_in_code_is_code():
    assert render("`||x||`") == "<p><code>||x||</code></p>\n"


def test_mentions_link_to_the_members_page():
    assert render("thanks @alice and @bob.") == (
        f"<p>thanks {mention('alice')} and {mention('bob')}.</p>\n"
    )


def test_a_mention_takes_name_characters_and_drops_a_trailing_dot_or_dash():
    assert render("@a.b+c_d-e-. @x-!") == f"<p>{mention('a.b+c_d-e')}-. {mention('x')}-!</p>\n"
    assert render("@名前") == f"<p>{mention('名前', '/users/%E5%90%8D%E5%89%8D/')}</p>\n"
    assert render("@!bob @ alone") == "<p>@!bob @ alone</p>\n"


def test_an_email_address_is_not_a_mention():
    assert render("write to mika@example.com") == "<p>write to mika@example.com</p>\n"


def test_a_mention_in_code_or_in_a_link_text_stays_as_it_is():
    assert render("`@alice` [@bob](/x)") == (
        '<p><code>@alice</code> <a href="/x" rel="nofollow ugc">@bob</a></p>\n'
    )
    assert mentioned("`@alice` [@bob](/x)") == []


def test_only_the_first_mentions_max_names_are_linked(settings):
    settings.MENTIONS_MAX = 2
    html = render("@a @b @a @c @b @d")
    assert html == f"<p>{mention('a')} {mention('b')} {mention('a')} @c {mention('b')} @d</p>\n"
    assert mentioned("@a @b @a @c @b @d") == ["a", "b"]


def test_a_mention_without_an_address_stays_text(settings):
    settings.PAGE_URLS = {**settings.PAGE_URLS, "member": "front:title"}  # wants two arguments
    assert render("hi @alice") == "<p>hi @alice</p>\n"
    assert mentioned("hi @alice") == []


@pytest.mark.parametrize(
    "text",
    [
        "@zed, @amy and @zed again; `@code` [@link](/x) mail@example.com",
        "||@hidden|| > @quoted\n\n- @listed\n- @b.",
        "@one @two @three @four",
    ],
)
def test_mentioned_names_the_members_render_links(settings, text):
    settings.MENTIONS_MAX = 3
    linked = re.findall(r'class="mention" href="/users/([^/]+)/"', render(text))
    assert mentioned(text) == list(dict.fromkeys(linked))
    assert len(mentioned(text)) <= 3
    assert mentioned(text)


def test_mentioned_keeps_the_order_of_first_mention():
    assert mentioned("@zed @amy @zed @bo") == ["zed", "amy", "bo"]


def test_a_plain_teaser_has_no_markup_and_covers_spoilers():
    text = "**The end**: ||she *dies* at the wedding|| and `@x` wins.\n\n- one\n- two"
    assert plain_teaser(text, 100) == "The end: [spoiler] and @x wins. one two"
    assert plain_teaser(text, 3) == "The end: [spoiler] …"
    assert "dies" not in plain_teaser(text, 3) and "wedding" not in plain_teaser(text, 100)


def test_a_plain_teaser_covers_nested_spoilers_once():
    assert plain_teaser("a ||b ||c|| d|| e", 10) == "a [spoiler] e"


def test_read_more_formats_the_whole_and_cuts_a_plain_teaser():
    template = Template("{% load dramadb %}{% read_more text 3 formatted=True %}")
    html = template.render(Context({"text": "one **two** ||three|| four <b>five</b>"}))
    assert '<span class="read-more-teaser">one two [spoiler] …</span>' in html
    assert f"<strong>two</strong> {SPOILER}three</span> four &lt;b&gt;five&lt;/b&gt;" in html


def test_read_more_shows_a_short_text_whole_and_formatted_renders():
    short = Template("{% load dramadb %}{% read_more text 5 formatted=True %}")
    assert short.render(Context({"text": "a *b*"})) == "<div><p>a <em>b</em></p>\n</div>"
    assert (
        Template("{% load dramadb %}{{ text|formatted }}").render(Context({"text": "||x||"}))
        == f"<p>{SPOILER}x</span></p>\n"
    )


COSTLY = {
    "mentions": ("@a " + "x" * 17) * 500,
    "spoilers": ("||" + "ab ") * 2000,
    "pipes": "||" * 5000,
    "stars-words": "*a" * 5000,
    "stars": "*" * 10_000,
    "quotes": ">" * 10_000,
    "quotes-spaced": "> " * 5000 + "x",
    "brackets": "[" * 10_000,
    "open-links": "[a](" * 2500,
    "lists": "- " * 5000,
    "backticks": "`" * 10_000,
    "angles": "<" * 10_000,
    "mixed": "||*[@a " * 1428,
}


@pytest.mark.parametrize("text", COSTLY.values(), ids=COSTLY.keys())
def test_the_cost_stays_linear_in_the_length(text):
    render("@warm ||up||")  # the first reverse() loads the URLconf
    start = time.perf_counter()
    render(text)
    plain_teaser(text, 50)
    mentioned(text)
    # Alone it takes under half a second (the slowest, "mixed", 0.43 s, and twice the text
    # twice the time); the bound leaves room for a loaded machine, while a quadratic parser
    # on 10,000 characters of these would take minutes.
    assert time.perf_counter() - start < 5.0
