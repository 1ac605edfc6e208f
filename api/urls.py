from django.urls import include, path

from . import views
from .http import with_answers
from .routes import api

app_name = "api"

patterns, _, _ = api.urls

urlpatterns = [
    path("api/", views.docs, name="docs"),
    path("api/v1/", include(with_answers(patterns))),
    path("accounts/settings/api/", views.tokens, name="tokens"),
    path("accounts/settings/api/<int:pk>/revoke/", views.revoke, name="revoke"),
]
