from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self) -> None:
        from . import backends, parts  # noqa: F401 - parts registers the viewer's own parts

        backends.connect()
