from django.urls import path

from core.metadata import not_indexed_urls

from . import views

app_name = "bench"

urlpatterns = [
    path("bench/floor/", views.floor, name="floor"),
]
# The benchmark's pages are for the benchmark, not for search engines.
not_indexed_urls(urlpatterns)
