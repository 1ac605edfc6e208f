"""Site-wide views that belong to no app."""

from django.http import HttpRequest, HttpResponse

FLOOR_PAGE = (
    b'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>floor</title></head>'
    b"<body><p>dramadb</p></body></html>\n"
)


def floor(request: HttpRequest) -> HttpResponse:
    """A fixed small page that touches neither the database nor a template.

    The load benchmark measures it through the same server and middleware as the real pages:
    its throughput is the most any page can reach, so a page's cost reads as a ratio of it.
    """
    return HttpResponse(FLOOR_PAGE)
