import psycopg2
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from core.backup import backup_restore, backup_write

pytestmark = pytest.mark.django_db(transaction=True)


def row_counts(database: str) -> dict[str, int]:
    """Rows in every table of the project, counted in `database` on the same server."""
    counts = {}
    params = connection.get_connection_params() | {"dbname": database}
    params.pop("database", None)
    with psycopg2.connect(**params) as other, other.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def test_a_backup_restored_into_an_empty_database_has_every_row(
    tmp_path, title_factory, user_factory, rate
):
    for score in ["7.0", "8.5", "10.0"]:
        rate(user_factory(), title_factory(), score)
    dump = tmp_path / "site.dump"
    copy = f"{connection.settings_dict['NAME']}_restored"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        cursor.execute(f'CREATE DATABASE "{copy}"')
    try:
        call_command("backup", str(dump))
        call_command("restore", str(dump), "--database", copy)
        original, restored = row_counts(connection.settings_dict["NAME"]), row_counts(copy)
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
    assert original == restored
    assert original["titles_title"] == 3 and original["reviews_listentry"] == 3


def test_restoring_replaces_what_changed_since_the_backup(tmp_path, title_factory):
    from titles.models import Title

    title_factory(title="Kept")
    dump = tmp_path / "site.dump"
    backup_write(path=dump)
    Title.objects.all().delete()
    title_factory(title="Added later")

    backup_restore(path=dump)

    assert list(Title.objects.values_list("title", flat=True)) == ["Kept"]


def test_restoring_the_sites_database_empties_the_cache(tmp_path, title_factory):
    """Stored pages and versions describe the data before the restore (core/versions.py)."""
    from core.versions import versions

    title_factory(title="Kept")
    dump = tmp_path / "site.dump"
    backup_write(path=dump)
    before = versions(["catalogue"])

    call_command("restore", str(dump))

    assert versions(["catalogue"]) != before


def test_a_backup_is_readable_by_its_owner_only(tmp_path, title_factory):
    import stat

    title_factory()
    dump = tmp_path / "private" / "site.dump"
    backup_write(path=dump)
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    assert stat.S_IMODE(dump.parent.stat().st_mode) == 0o700
