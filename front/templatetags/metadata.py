"""The page's metadata for base.html's head (front.metadata)."""

from typing import Any

from django import template

from front.metadata import PageMeta
from front.metadata import page_metadata as metadata_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_metadata(context: Any) -> PageMeta:
    """`{% page_metadata as page_meta %}`: canonical address, robots, cards and data."""
    return metadata_for(context)
