from django.apps import AppConfig


class TitlesConfig(AppConfig):
    name = "titles"

    def ready(self) -> None:
        from . import parts, signals  # noqa: F401 - parts registers the viewer's own parts

        signals.connect()
