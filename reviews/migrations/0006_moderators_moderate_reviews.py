"""Moderators may read reviews in the admin, and hide and restore them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from core.page_cache import PERMISSIONS, pages_changed

GRANTED = ["view_review", "moderate_review"]


def _granted(apps):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="reviews", content_type__model="review", codename__in=GRANTED
    )


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create ours now.
    app_config = apps.get_app_config("reviews")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    moderators, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Moderators")
    moderators.permissions.add(*_granted(apps))
    # Members' permission sets are cached under this version (accounts/backends.py); the
    # historical models here send no signal that would move it.
    pages_changed(PERMISSIONS)


def revoke(apps, schema_editor):
    moderators = apps.get_model("auth", "Group").objects.filter(name="Moderators").first()
    if moderators is not None:
        moderators.permissions.remove(*_granted(apps))
    pages_changed(PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0005_review_state"),
        ("comments", "0002_moderators_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
