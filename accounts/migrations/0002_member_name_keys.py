from django.db import migrations, models

BATCH = 10_000


def fill_name_keys(apps, schema_editor):
    """Each member's name key, written a batch at a time with one UPDATE per batch.

    Members whose names already look alike keep their accounts: the later one's key is
    marked with its id, so it stays unique (no username can hold "#"), while new names are
    still compared with the first.
    """
    from accounts.names import name_key

    User = apps.get_model("accounts", "User")
    table = schema_editor.quote_name(User._meta.db_table)
    seen: set[str] = set()
    ids: list[int] = []
    keys: list[str] = []

    def flush() -> None:
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS u SET name_key = v.key "
                "FROM unnest(%s::bigint[], %s::text[]) AS v(id, key) WHERE u.id = v.id",
                [ids, keys],
            )
        ids.clear()
        keys.clear()

    for pk, username in (
        User.objects.order_by("id").values_list("id", "username").iterator(chunk_size=BATCH)
    ):
        key = name_key(username)
        if key in seen:
            key = f"{key}#{pk}"
        seen.add(key)
        ids.append(pk)
        keys.append(key)
        if len(ids) == BATCH:
            flush()
    if ids:
        flush()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="name_key",
            field=models.CharField(default="", editable=False, max_length=600),
            preserve_default=False,
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="name_key",
            field=models.CharField(editable=False, max_length=600, unique=True),
        ),
    ]
