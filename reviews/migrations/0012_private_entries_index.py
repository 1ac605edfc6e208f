from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # A small index of private entries only, built without locking out writers (CONCURRENTLY,
    # outside a transaction): a profile counts its owner's private entries from it.
    atomic = False

    dependencies = [
        ("reviews", "0011_member_stats"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="listentry",
            index=models.Index(
                condition=models.Q(("is_private", True)),
                fields=["user", "status"],
                name="listentry_user_private_idx",
            ),
        ),
    ]
