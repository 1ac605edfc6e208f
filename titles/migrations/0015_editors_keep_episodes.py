"""Editors keep episodes, and the links between related titles, as they keep the rest of the
catalogue (the links were left out of the group when they were added)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["episode", "relatedtitle"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create ours now.
    app_config = apps.get_app_config("titles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="titles", content_type__model__in=MODELS)
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Editors"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="titles", content_type__model__in=MODELS
            )
        )


class Migration(migrations.Migration):
    dependencies = [("titles", "0014_episodes")]

    operations = [migrations.RunPython(grant, revoke)]
