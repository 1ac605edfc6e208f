from django.apps import AppConfig, apps
from django.conf import settings
from django.db.models.signals import post_delete


class CommentsConfig(AppConfig):
    name = "comments"

    def ready(self) -> None:
        from . import parts  # noqa: F401 - registers the viewer's own parts of pages

        # The catalogue knows nothing of comments, so this app cleans up after a commented
        # object is deleted; otherwise its comments and count would outlive it.
        for label in settings.COMMENT_TARGET_MODELS:
            post_delete.connect(
                _forget_comments, sender=apps.get_model(label), dispatch_uid=f"comments-{label}"
            )


def _forget_comments(sender, instance, **kwargs) -> None:
    from django.contrib.contenttypes.models import ContentType

    from .services import comments_remove_for_target

    content_type = ContentType.objects.get_for_model(sender)
    comments_remove_for_target(content_type_id=content_type.pk, object_id=instance.pk)
