"""Members in other pages' metadata (core.metadata): as authors, and the pages under them."""

from __future__ import annotations

from django.http import HttpRequest

from core import structured_data as sd
from core.metadata import PageMeta, under

from .models import User


def member_ref(member: User, absolute: sd.Absolute) -> sd.Data:
    return sd.person(member.username, absolute(member.get_absolute_url()))


def under_member(request: HttpRequest, member: User, name: str) -> PageMeta:
    """A member's own list (their list of titles, their reviews) sits under their profile."""
    return under(request, (member.username, member.get_absolute_url()), name)
