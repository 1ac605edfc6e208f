from django.urls import path

from . import home, people, views

app_name = "front"

urlpatterns = [
    path("", home.home, name="home"),
    path("titles/<int:pk>-<str:slug>/", views.title_detail, name="title"),
    path("titles/<int:pk>/", views.title_detail, name="title_bare"),
    path("users/<str:username>/", views.profile, name="profile"),
    path("titles/", views.browse_titles, name="browse"),
    path("people/", people.people, name="people"),
    path("top/", views.ranking, {"by": "score"}, name="top"),
    path("popular/", views.ranking, {"by": "popularity"}, name="popular"),
    path("airing/", views.on_the_air, {"status": "airing"}, name="airing"),
    path("upcoming/", views.on_the_air, {"status": "upcoming"}, name="upcoming"),
    path("genres/<slug:value>/", views.browse_alias, {"field": "genre"}, name="genre"),
    path("tags/<slug:value>/", views.browse_alias, {"field": "tag"}, name="tag"),
    path("help/ratings/", views.help_ratings, name="help_ratings"),
    path("help/recommendations/", views.help_recommendations, name="help_recommendations"),
]
