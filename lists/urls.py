from django.urls import path

from . import views

app_name = "lists"

urlpatterns = [
    path("favorites/<str:kind>/<int:pk>/", views.favorite, name="favorite"),
    path("lists/new/", views.list_new, name="new"),
    path("lists/<int:pk>/", views.list_detail, name="detail"),
    path("lists/<int:pk>/edit/", views.list_edit, name="edit"),
    path("lists/<int:pk>/titles/<int:title_pk>/", views.item_change, name="item_change"),
    path("lists/<int:pk>/titles/<int:title_pk>/note/", views.item_note, name="item_note"),
    path("titles/<int:title_pk>/add-to-list/", views.item_add, name="item_add"),
]
