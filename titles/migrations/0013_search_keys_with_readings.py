from functools import reduce
from operator import or_

from django.db import migrations
from django.db.models import Q

# Kana and Han characters: only names with some of them are read differently now.
JAPANESE = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"


def refresh_search_keys(apps, schema_editor):
    """Japanese names now keep the readings of their words in context and both spellings of
    the particles は, へ and を; rewrite the keys that change, a batch at a time."""
    from ._frozen_keys_0013 import person_key, search_key

    def refresh(model, fields, key) -> None:
        written = reduce(or_, (Q(**{f"{field}__regex": JAPANESE}) for field in fields))
        rows = model.objects.filter(written).only("id", "search_key", *fields)
        batch = []
        for row in rows.iterator(chunk_size=2000):
            fresh = key(*(getattr(row, field) for field in fields))
            if fresh != row.search_key:
                row.search_key = fresh
                batch.append(row)
            if len(batch) == 2000:
                model.objects.bulk_update(batch, ["search_key"])
                batch = []
        model.objects.bulk_update(batch, ["search_key"])

    refresh(apps.get_model("titles", "Title"), ["title", "native_title"], search_key)
    refresh(apps.get_model("titles", "AlternativeTitle"), ["name"], search_key)
    refresh(apps.get_model("titles", "Person"), ["name", "native_name"], person_key)


class Migration(migrations.Migration):
    dependencies = [
        ("titles", "0012_revert_marks"),
    ]

    operations = [
        migrations.RunPython(refresh_search_keys, migrations.RunPython.noop, elidable=True),
    ]
