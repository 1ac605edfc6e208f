"""The "Moderators" group may open the queue and act on reports (the site's `/moderation/`),
and read reports and actions in the admin."""

from django.contrib.auth.management import create_permissions
from django.core.cache import cache
from django.db import migrations, transaction

GRANTED = ["view_report", "change_report", "view_action"]

# Members' permission sets are cached under a version of the page cache (accounts/backends.py),
# which moves when a grant changes; the historical models here send no signal that would move
# it. So the version is forgotten, now and again once the migration commits, and the site makes
# up a new one the next time it asks: the same as a move, whatever a version looks like by then.
# The key is the page cache's as it was when this migration was written; the generation goes
# with it, so that running workers read versions afresh (core/versions.py).
PERMISSIONS_VERSION = ["page-version:permissions", "page-version:*"]


def forget_permission_sets(schema_editor) -> None:
    cache.delete_many(PERMISSIONS_VERSION)
    transaction.on_commit(
        lambda: cache.delete_many(PERMISSIONS_VERSION), using=schema_editor.connection.alias
    )


def grant(apps, schema_editor):
    # Permissions are made after all migrations have run; make this app's now.
    app_config = apps.get_app_config("moderation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(
        *Permission.objects.filter(content_type__app_label="moderation", codename__in=GRANTED)
    )
    forget_permission_sets(schema_editor)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.remove(*group.permissions.filter(content_type__app_label="moderation"))


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("comments", "0002_moderators_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
