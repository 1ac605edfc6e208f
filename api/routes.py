"""The API v1: its routes (api.endpoints), its OpenAPI document and its errors' shape."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from .cursors import BadCursor
from .endpoints import members, people, titles

DESCRIPTION = """Read-only access to dramadb's catalogue and members' public lists.

Anybody may call it; a personal token (made in your account settings and sent as
`Authorization: Bearer <token>`) raises the rate limit. Lists are paged by cursor: pass the
`next` of one page as `cursor` to get the one after. Answers carry an ETag: send it back as
If-None-Match and an unchanged answer is 304 Not Modified. Past the rate limit the answer is
429 with Retry-After, in seconds. Private entries and private lists are never returned."""

api = NinjaAPI(
    title="dramadb API",
    version="1",
    description=DESCRIPTION,
    docs_url=None,  # the site's own page (api.views.docs) documents it
    openapi_url="/openapi.json",
    urls_namespace="api",
)
api.add_router("", titles.router)
api.add_router("", people.router)
api.add_router("", members.router)


@api.exception_handler(BadCursor)
def bad_cursor(request: HttpRequest, error: BadCursor) -> HttpResponse:
    return api.create_response(request, {"detail": str(error)}, status=400)
