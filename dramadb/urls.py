from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from dramadb import views as site_views
from titles import views as title_views

admin.site.site_header = "dramadb editors"
admin.site.site_title = "dramadb admin"

urlpatterns = [
    path("", title_views.home, name="home"),
    path("", include("titles.urls")),
    path("", include("accounts.urls")),
    path("", include("reviews.urls")),
    path("", include("comments.urls")),
    path("", include("recommendations.urls")),
    path("", include("news.urls")),
    path("admin/", admin.site.urls),
    path("bench/floor/", site_views.floor, name="floor"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
