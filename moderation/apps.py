from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"

    def ready(self) -> None:
        from core.moderation import moderated

        from . import parts  # noqa: F401 - registers the moderators' own part of pages
        from .services import record

        moderated.connect(record, dispatch_uid="moderation-record")
