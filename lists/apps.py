from django.apps import AppConfig


class ListsConfig(AppConfig):
    name = "lists"
    verbose_name = "Lists and favorites"

    def ready(self) -> None:
        from . import parts  # noqa: F401 - registers the viewer's own parts of pages
