"""`{% personal "name" arg… %}`: where a part of the viewer's own goes (core/personal.py)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from core import personal as parts

register = template.Library()


@register.simple_tag(name="personal")
def personal_tag(name: str, *args: object) -> SafeString:
    return mark_safe(parts.mark(name, *args))  # a mark holds only checked words
