"""The member a request is signed in as, for views that write."""

from django.http import HttpRequest

from .models import User


def signed_in_member(request: HttpRequest) -> User:
    """The signed-in member, in views that `sign_in_required` keeps guests out of."""
    assert request.user.is_authenticated, "only behind sign_in_required"
    return request.user
