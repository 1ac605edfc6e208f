from django.urls import path

from .views import lists, reviewing

app_name = "reviews"

urlpatterns = [
    path("titles/<int:title_pk>/rate/", lists.title_rate, name="rate"),
    path("titles/<int:title_pk>/progress/", lists.title_progress, name="progress"),
    path("titles/<int:title_pk>/my-entry/", lists.title_entry, name="title_entry"),
    path("list/<int:pk>/edit/", lists.entry_edit, name="entry_edit"),
    path("list/<int:pk>/remove/", lists.entry_remove, name="entry_remove"),
    path("users/<str:username>/list/", lists.user_list, name="user_list"),
    path("titles/<int:title_pk>/review/", reviewing.review_write, name="review_write"),
    path("titles/<int:pk>-<str:slug>/reviews/", reviewing.title_reviews, name="title_reviews"),
    path("reviews/<int:pk>/edit/", reviewing.review_edit, name="review_edit"),
    path("reviews/<int:pk>/delete/", reviewing.review_delete, name="review_delete"),
    path("reviews/<int:pk>/vote/", reviewing.review_vote, name="review_vote"),
    path("users/<str:username>/reviews/", reviewing.user_reviews, name="user_reviews"),
]
