"""The site's addresses: each app's own, the composed pages, the admin and the benchmark."""

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.static import serve

admin.site.site_header = "dramadb editors"
admin.site.site_title = "dramadb admin"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("front.urls")),
    path("", include("titles.urls")),
    path("", include("accounts.urls")),
    path("", include("social.urls")),
    path("", include("reviews.urls")),
    path("", include("comments.urls")),
    path("", include("recommendations.urls")),
    path("", include("lists.urls")),
    path("", include("news.urls")),
    path("", include("moderation.urls")),
    path("", include("imports.urls")),
    path("", include("api.urls")),
    path("", include("bench.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "front.errors.bad_request"
handler500 = "front.errors.server_error"

if settings.SERVE_MEDIA:
    urlpatterns += [
        # Stored names are never reused (storage adds a suffix), so a browser may keep a file.
        re_path(
            r"^media/(?P<path>.*)$",
            cache_control(public=True, max_age=365 * 24 * 3600, immutable=True)(serve),
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]
