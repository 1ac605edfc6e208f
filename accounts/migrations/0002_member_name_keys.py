import unicodedata
from functools import cache

from django.db import migrations, models

BATCH = 10_000

# A frozen copy of accounts.names.name_key as it was when this migration was written, so that
# the keys filled here never follow later changes to that module: never edit it to match.
# The keys depend on the lookalike tables of the installed confusable-homoglyphs.
KEY_LENGTH = 600


def name_key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    return "".join(_latin_lookalike(char) for char in text)[:KEY_LENGTH]


@cache
def _latin_lookalike(char: str) -> str:
    if char.isascii():
        return char
    from confusable_homoglyphs import confusables

    found = confusables.is_confusable(char, preferred_aliases=["latin"], greedy=False)
    if found:
        for glyph in found[0]["homoglyphs"]:
            if glyph["c"].isascii() and glyph["c"].isalnum():
                return glyph["c"].casefold()
    return char


def fill_name_keys(apps, schema_editor):
    """Each member's name key, written a batch at a time with one UPDATE per batch.

    Members whose names already look alike keep their accounts: the later one's key is
    marked with its id, so it stays unique (no username can hold "#"), while new names are
    still compared with the first.
    """
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
