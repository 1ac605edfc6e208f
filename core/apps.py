from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "core"

    def ready(self) -> None:
        # WhiteNoise warns on every request while the collected-static folder is missing.
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
