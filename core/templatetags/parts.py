"""A stored part of a shared page (core/part_cache.py):

{% part "name" %}markup rendered only when the stored part's versions moved{% endpart %}
{% fragment "name" identity %}markup within a part, stored under what it shows{% endfragment %}

The view puts the page's `Parts` in the context as `parts`; without it the markup is rendered.
"""

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.tag(name="part")
def part_tag(parser: Parser, token: Token) -> "PartNode":
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('usage: {% part "name" %}…{% endpart %}')
    nodelist = parser.parse(("endpart",))
    parser.delete_first_token()
    return PartNode(parser.compile_filter(bits[1]), nodelist)


class PartNode(template.Node):
    def __init__(self, name: FilterExpression, nodelist: NodeList) -> None:
        self.name = name
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        parts = context.get("parts")
        if parts is None:
            return self.nodelist.render(context)
        # Stored as rendered: markup escaped where it was made.
        return mark_safe(
            parts.value(self.name.resolve(context), lambda: self.nodelist.render(context))
        )


@register.tag(name="fragment")
def fragment_tag(parser: Parser, token: Token) -> "FragmentNode":
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(
            'usage: {% fragment "name" identity %}…{% endfragment %}'
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), nodelist)


class FragmentNode(template.Node):
    def __init__(self, name: FilterExpression, identity: FilterExpression,
                 nodelist: NodeList) -> None:  # fmt: skip
        self.name = name
        self.identity = identity
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        parts = context.get("parts")
        if parts is None:
            return self.nodelist.render(context)
        name, identity = self.name.resolve(context), str(self.identity.resolve(context))
        return mark_safe(parts.fragment(name, identity, lambda: self.nodelist.render(context)))
