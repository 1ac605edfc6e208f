from django.apps import AppConfig


class SocialConfig(AppConfig):
    name = "social"
    verbose_name = "Follows and notifications"

    def ready(self) -> None:
        from . import parts, tasks  # noqa: F401 - the bell's part; the digest's job
