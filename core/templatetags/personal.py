"""Where a part of the viewer's own goes (core/personal.py):

{% personal "name" arg… %}
{% personal_block "name" arg… %}markup shown to some viewers only{% endpersonal_block %}
"""

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

from core import personal as parts

register = template.Library()


@register.simple_tag(name="personal")
def personal_tag(name: str, *args: object) -> SafeString:
    return mark_safe(parts.mark(name, *args))  # a mark holds only checked words


@register.tag(name="personal_block")
def personal_block_tag(parser: Parser, token: Token) -> "PersonalBlockNode":
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("personal_block needs the name of a part")
    nodelist = parser.parse(("endpersonal_block",))
    parser.delete_first_token()
    return PersonalBlockNode([parser.compile_filter(bit) for bit in bits], nodelist)


class PersonalBlockNode(template.Node):
    def __init__(self, bits: list[FilterExpression], nodelist: NodeList) -> None:
        self.bits = bits
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        name, *args = (bit.resolve(context) for bit in self.bits)
        content = self.nodelist.render(context)
        return mark_safe(parts.block(name, *args, content=content))  # rendered and escaped
