"""The page's metadata for base.html's head (front.metadata)."""

import html
from typing import Any

from django import template
from django.template.base import NodeList, Parser, Token
from django.template.context import Context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from core.metadata import PageMeta
from front.metadata import page_metadata as metadata_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_metadata(context: Any) -> PageMeta:
    """`{% page_metadata as page_meta %}`: canonical address, robots, cards and data."""
    return metadata_for(context)


@register.tag(name="capture")
def capture_tag(parser: Parser, token: Token) -> "CaptureNode":
    """`{% capture as name %}…{% endcapture %}` writes what it holds, as any text, and also
    keeps it as plain text in `name`: base.html keeps the page's <title> and description
    (which each page fills in its blocks) for the sharing cards that repeat them."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


class CaptureNode(template.Node):
    def __init__(self, nodelist: NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: Context) -> SafeString:
        output = self.nodelist.render(context)
        # As text: rendered markup read back, on one line, and escaped once again as a whole.
        text = " ".join(html.unescape(output).split())
        context[self.name] = conditional_escape(text)
        return output
