from django.apps import AppConfig


class TitlesConfig(AppConfig):
    name = "titles"

    def ready(self) -> None:
        from . import signals

        signals.connect()
