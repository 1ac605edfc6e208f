from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("accounts/settings/export/", views.export, name="export"),
    path("accounts/settings/export/<int:pk>/", views.export_download, name="export_download"),
]
