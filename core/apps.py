from pathlib import Path

from django.apps import AppConfig
from django.conf import settings

from core import deadlines, replicas


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "core"

    def ready(self) -> None:
        # WhiteNoise warns on every request while the collected-static folder is missing.
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        # Replica connections wait through core.deadlines: set up before any connection is
        # made, so that every connection of the process is made the same way.
        if any(alias.startswith(replicas.PREFIX) for alias in settings.DATABASES):
            deadlines.install()
