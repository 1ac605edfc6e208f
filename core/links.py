"""Links from a room to a page that a room above it serves (the home page, a title's or a
member's page, the report form), by the page's role.

The settings name the URL for each role (`PAGE_URLS`), as LOGIN_URL names the sign-in page,
so a lower room never names a higher room's URL. Every other address is made the one way
Django makes them: `reverse()` in Python and `{% url %}` in templates.

In templates: `{% page_link "report" "comment" comment.pk %}` (core/templatetags/dramadb.py).
"""

from django.conf import settings
from django.urls import reverse


def page_link(page: str, *args: int | str) -> str:
    """The address of the page that plays the role `page` in `settings.PAGE_URLS`."""
    return reverse(settings.PAGE_URLS[page], args=args)
