from django.urls import path

from core.metadata import not_indexed_urls

from . import views

app_name = "social"

urlpatterns = [
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/", views.notification_open, name="open"),
    path("notifications/read/", views.read_all, name="read_all"),
    path("notifications/settings/", views.preferences, name="preferences"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("users/<str:username>/follow/", views.follow, name="follow"),
    path("users/<str:username>/block/", views.block, name="block"),
]
not_indexed_urls(urlpatterns)
