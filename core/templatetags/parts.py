"""A stored part of a shared page (core/part_cache.py):

{% part "name" %}markup rendered only when the stored part's versions moved{% endpart %}
{% fragments "name" items as item %}markup for each, stored by item.identity{% endfragments %}
(`items.ready(some)`, when the list has it, is called with those about to be rendered, and
answers those whose rows moved since: they are rendered, not stored)

The view puts the page's `Parts` in the context as `parts`; without it the markup is rendered.
"""

from collections.abc import Callable

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


@register.tag(name="fragments")
def fragments_tag(parser: Parser, token: Token) -> "FragmentsNode":
    bits = token.split_contents()
    if len(bits) != 5 or bits[3] != "as":
        usage = 'usage: {% fragments "name" items as item %}…{% endfragments %}'
        raise template.TemplateSyntaxError(usage)
    nodelist = parser.parse(("endfragments",))
    parser.delete_first_token()
    name, items = parser.compile_filter(bits[1]), parser.compile_filter(bits[2])
    return FragmentsNode(name, items, bits[4], nodelist)


class FragmentsNode(template.Node):
    def __init__(self, name: FilterExpression, items: FilterExpression, as_name: str,
                 nodelist: NodeList) -> None:  # fmt: skip
        self.name = name
        self.items = items
        self.as_name = as_name
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        items = self.items.resolve(context) or []

        def rendered(item: object) -> Callable[[], str]:
            def render() -> str:
                with context.push({self.as_name: item}):
                    return self.nodelist.render(context)

            return render

        parts = context.get("parts")
        if parts is None:
            return mark_safe("".join(rendered(item)() for item in items))
        # A list that reads its items' rows when first shown is told which are to be rendered.
        ready = getattr(items, "ready", None)
        items = list(items)
        made = [(str(item.identity), rendered(item)) for item in items]

        def before(positions: list[int]) -> list[int]:
            if ready is None:
                return []
            moved = {id(item) for item in ready([items[n] for n in positions])}
            return [n for n in positions if id(items[n]) in moved]

        # Stored as rendered: markup escaped where it was made.
        return mark_safe("".join(parts.each(self.name.resolve(context), made, before)))
