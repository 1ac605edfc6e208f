from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models
from django.db.models.functions import Lower


class Migration(migrations.Migration):
    # Titles in name order (browse and the API sorted by title), built without locking out
    # writers (CONCURRENTLY, outside a transaction).
    atomic = False

    dependencies = [
        ("titles", "0016_broadcast_times"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="title",
            index=models.Index(Lower("title"), models.F("id"), name="title_name_order_idx"),
        ),
    ]
