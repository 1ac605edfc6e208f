"""Files that crawlers, browsers and phones ask for at fixed addresses: robots.txt, the
sitemaps, /favicon.ico, /apple-touch-icon.png and the web app manifest."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .metadata import SITE_DESCRIPTION
from .sitemaps import SITEMAPS

# What crawlers need not fetch: searches, forms, accounts, the admin and the benchmark.
# Sorted and filtered listings are not here: crawlers may fetch them to follow their links, and
# read there that they are not to be indexed (their views are `filtered_by` those parameters,
# core.metadata). A page both disallowed and marked noindex would never have its mark read.
DISALLOWED_PATHS = [
    "/search/",
    "/accounts/",
    "/admin/",
    "/bench/",
    "/list/",
    "/titles/*/rate/",
    "/titles/*/my-entry/",
    "/titles/*/review/",
    "/titles/*/recommendations/new/",
    "/reviews/*/edit/",
    "/reviews/*/delete/",
    "/reviews/*/vote/",
    "/comments/post/",
    "/comments/*/reply/",
    "/comments/*/edit/",
    "/comments/*/delete/",
    "/comments/*/hide/",
    "/comments/*/restore/",
    "/recommendations/title-search/",
    "/recommendations/*/vote/",
    "/recommendations/*/unvote/",
]
# The header's and the page's colours in the light scheme (site.css, --dd-header, --dd-page).
THEME_COLOR = "#171a26"
BACKGROUND_COLOR = "#f5f6fa"
# Files served at the site's root, from the static files: (name there, content type).
ROOT_FILES = {
    "favicon.ico": ("img/favicon.ico", "image/x-icon"),
    "apple-touch-icon.png": ("img/apple-touch-icon.png", "image/png"),
}
A_DAY = 24 * 3600


@require_safe
@cache_control(max_age=A_DAY, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in DISALLOWED_PATHS),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('front:sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="front:sitemap_section")


@require_safe
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


@cache
def _read_static(name: str) -> bytes:
    found = finders.find(name)
    if not found:
        raise Http404(f"{name} is missing from the static files.")
    return Path(str(found)).read_bytes()


@require_safe
@cache_control(max_age=A_DAY, public=True)
def root_file(request: HttpRequest, name: str) -> HttpResponse:
    """/favicon.ico and the like: browsers ask for them whether or not a page links them."""
    static_name, content_type = ROOT_FILES[name]
    return HttpResponse(_read_static(static_name), content_type=content_type)


@require_safe
@cache_control(max_age=A_DAY, public=True)
def webmanifest(request: HttpRequest) -> JsonResponse:
    manifest = {
        "name": settings.SITE_NAME,
        "short_name": settings.SITE_NAME,
        "description": SITE_DESCRIPTION,
        "start_url": reverse("front:home"),
        "scope": reverse("front:home"),
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": static(f"img/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
            for size in (192, 512)
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json")
