from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"

    def ready(self) -> None:
        from . import parts  # noqa: F401 - registers the moderators' own part of pages
