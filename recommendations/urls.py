from django.urls import path

from . import views

app_name = "recommendations"

urlpatterns = [
    path(
        "titles/<int:title_pk>/recommendations/",
        views.title_recommendations,
        name="title_list",
    ),
    path(
        "titles/<int:title_pk>/recommendations/new/",
        views.recommendation_new,
        name="new",
    ),
    path("recommendations/title-search/", views.title_search, name="title_search"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="detail"),
    path("recommendations/<int:pk>/vote/", views.recommendation_vote, name="vote"),
    path("recommendations/<int:pk>/unvote/", views.recommendation_unvote, name="unvote"),
]
