"""`{% oneline %}`: the rest of a template, written on several lines, rendered on one.

The viewer's parts (core/personal.py) are set into a page's lines, and htmx swaps the same
markup in alone: a line break or an indentation of the template would show in the page.
Every line break in the template's own text after the tag goes, with the indentation that
follows it (so a break never stands for a space); what its variables and tags put out (a
select's options, one to a line) is left as it is. The work is done once, when the template
is compiled, so rendering costs nothing more.
"""

import re
from typing import cast

from django import template
from django.template.base import NodeList, Parser, TextNode, Token
from django.template.context import Context
from django.utils.safestring import SafeString

register = template.Library()

LINE_BREAK = re.compile(r"\n[ \t]*")


@register.tag
def oneline(parser: Parser, token: Token) -> "OneLineNode":
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("oneline takes no arguments")
    nodelist = parser.parse()  # to the end of the template
    for node in nodelist.get_nodes_by_type(TextNode):
        text = cast(TextNode, node)
        text.s = LINE_BREAK.sub("", text.s)
    return OneLineNode(nodelist)


class OneLineNode(template.Node):
    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        return self.nodelist.render(context)
