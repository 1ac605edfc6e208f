from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("news/", views.news_index, name="index"),
    path("news/<int:pk>-<str:slug>/", views.article_detail, name="article"),
    path("news/<int:pk>/", views.article_detail, name="article_bare"),
]
