from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("report/<str:kind>/<int:pk>/", views.report, name="report"),
    path("moderation/", views.queue, name="queue"),
    path("moderation/<str:kind>/<int:pk>/", views.item_detail, name="item"),
    path("moderation/<str:kind>/<int:pk>/act/", views.item_act, name="act"),
]
