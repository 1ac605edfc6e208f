from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("titles/<int:title_pk>/rate/", views.title_rate, name="rate"),
    path("titles/<int:title_pk>/my-entry/", views.title_entry, name="title_entry"),
    path("list/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("list/<int:pk>/remove/", views.entry_remove, name="entry_remove"),
    path("users/<str:username>/list/", views.user_list, name="user_list"),
    path("help/ratings/", views.rating_help, name="rating_help"),
]
