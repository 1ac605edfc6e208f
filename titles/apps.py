from django.apps import AppConfig


class TitlesConfig(AppConfig):
    name = "titles"

    def ready(self) -> None:
        from . import parts  # noqa: F401 - registers the viewer's own parts of pages
