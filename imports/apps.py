from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = "Imports and exports"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - names each kind of job's task for the worker
