from django.urls import path

from . import views

app_name = "lists"

urlpatterns = [
    path("favorites/<str:kind>/<int:pk>/", views.favorite, name="favorite"),
]
