from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self) -> None:
        from . import parts, permissions  # noqa: F401 - parts registers the viewer's own parts

        permissions.connect()
