"""Moderators may read recommendation reasons in the admin, and hide and restore them."""

from django.contrib.auth.management import create_permissions
from django.core.cache import cache
from django.db import migrations, transaction

GRANTED = ["view_recommendationreason", "moderate_recommendationreason"]

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


def _granted(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="recommendations",
        content_type__model="recommendationreason",
        codename__in=GRANTED,
    )


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create ours now.
    app_config = apps.get_app_config("recommendations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    moderators, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Moderators")
    moderators.permissions.add(*_granted(apps))
    forget_permission_sets(schema_editor)


def revoke(apps, schema_editor):
    moderators = apps.get_model("auth", "Group").objects.filter(name="Moderators").first()
    if moderators is not None:
        moderators.permissions.remove(*_granted(apps))
    forget_permission_sets(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0004_reasons_can_be_hidden"),
        ("comments", "0002_moderators_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
