from django.urls import path

from . import (
    episodes,
    feed,
    home,
    people,
    reviews,
    schedule,
    site_files,
    styleguide,
    theme,
    views,
)

app_name = "front"

urlpatterns = [
    path("", home.home, name="home"),
    path("theme/", theme.set_theme, name="theme"),
    path("feed/", feed.feed, name="feed"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review"),
    path("titles/<int:pk>/episodes/<int:number>/", episodes.episode_detail, name="episode"),
    path("titles/<int:pk>-<str:slug>/", views.title_detail, name="title"),
    path("titles/<int:pk>/", views.title_detail, name="title_bare"),
    path("users/<str:username>/", views.profile, name="profile"),
    path("titles/", views.browse_titles, name="browse"),
    path("people/", people.people, name="people"),
    path("top/", views.ranking, {"by": "score"}, name="top"),
    path("popular/", views.ranking, {"by": "popularity"}, name="popular"),
    path("airing/", views.on_the_air, {"status": "airing"}, name="airing"),
    path("upcoming/", views.on_the_air, {"status": "upcoming"}, name="upcoming"),
    path("schedule/", schedule.schedule, name="schedule"),
    path("genres/<slug:value>/", views.browse_alias, {"field": "genre"}, name="genre"),
    path("tags/<slug:value>/", views.browse_alias, {"field": "tag"}, name="tag"),
    path("help/ratings/", views.help_ratings, name="help_ratings"),
    path("styleguide/", styleguide.styleguide, name="styleguide"),
    path("help/recommendations/", views.help_recommendations, name="help_recommendations"),
    path("robots.txt", site_files.robots_txt, name="robots"),
    path("sitemap.xml", site_files.sitemap_index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", site_files.sitemap_section, name="sitemap_section"),
    path("site.webmanifest", site_files.webmanifest, name="webmanifest"),
    path("favicon.ico", site_files.root_file, {"name": "favicon.ico"}, name="favicon"),
    path(
        "apple-touch-icon.png",
        site_files.root_file,
        {"name": "apple-touch-icon.png"},
        name="apple_touch_icon",
    ),
]
