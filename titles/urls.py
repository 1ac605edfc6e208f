from django.urls import path

from . import views

app_name = "titles"

urlpatterns = [
    path("titles/<int:pk>-<str:slug>/cast/", views.title_cast, name="cast"),
    path("titles/<int:pk>-<str:slug>/episodes/", views.title_episodes, name="episodes"),
    path("titles/<int:pk>-<str:slug>/history/", views.title_history, name="history"),
    path("people/<int:pk>-<str:slug>/", views.person_detail, name="person"),
    path("people/<int:pk>/", views.person_detail, name="person_bare"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.suggest, name="suggest"),
]
