"""Writes to a member's own account beyond Django's: the profile that pages show."""

from django.db import transaction

from core.versions import MEMBERS, pages_changed

from .forms import ProfileForm
from .models import User


@transaction.atomic
def profile_save(form: ProfileForm) -> User:
    """Save a member's checked profile form: pages show the avatar beside what they wrote."""
    member = form.save()
    pages_changed(MEMBERS)
    return member
