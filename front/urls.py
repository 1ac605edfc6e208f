from django.urls import path

from . import views

app_name = "front"

urlpatterns = [
    path("", views.home, name="home"),
    path("titles/<int:pk>-<str:slug>/", views.title_detail, name="title"),
    path("titles/<int:pk>/", views.title_detail, name="title_bare"),
    path("users/<str:username>/", views.profile, name="profile"),
    path("help/ratings/", views.help_ratings, name="help_ratings"),
    path("help/recommendations/", views.help_recommendations, name="help_recommendations"),
]
