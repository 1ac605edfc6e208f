from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("accounts/settings/export/", views.export, name="export"),
    path("accounts/settings/export/<int:pk>/", views.export_download, name="export_download"),
    path("accounts/settings/import/", views.import_start, name="import_start"),
    path("accounts/settings/import/template/", views.import_template, name="import_template"),
    path("accounts/settings/import/<int:pk>/", views.import_review, name="import_review"),
    path("accounts/settings/import/<int:pk>/apply/", views.import_apply, name="import_apply"),
    path(
        "accounts/settings/import/<int:pk>/rows/<int:number>/",
        views.import_row,
        name="import_row",
    ),
]
