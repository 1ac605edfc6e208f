from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("comments/<int:pk>/", views.thread, name="thread"),
    path("comments/<int:pk>/reply/", views.reply, name="reply"),
    path("comments/<int:pk>/edit/", views.edit, name="edit"),
    path("comments/<int:pk>/delete/", views.delete, name="delete"),
    path("comments/<int:pk>/hide/", views.hide, name="hide"),
    path("comments/<int:pk>/restore/", views.restore, name="restore"),
    path("comments/<int:pk>/like/", views.like, name="like"),
    path("comments/post/<int:content_type_id>/<int:object_id>/", views.post, name="post"),
]
