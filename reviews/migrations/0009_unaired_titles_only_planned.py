"""Before a title airs it can only be planned. Rows written before that rule are put right
first and the titles' statistics and ranks recomputed, by a frozen copy of the site's code of
the time (_frozen_unaired_0009), which says what it changed; then a planned entry can no longer
hold a score."""

from django.conf import settings
from django.db import migrations, models


def clear_rows_before_airing(apps, schema_editor):
    # It changes nothing on a database with no such rows.
    from ._frozen_unaired_0009 import entries_before_airing_cleared

    report = entries_before_airing_cleared(apps)
    if any(report.values()):
        print(
            f"\n  Titles not aired yet: {report['entries']} list entries made plans again and "
            f"{report['reviews']} reviews deleted, on {report['titles']} titles; "
            f"{report['scored plans']} planned entries with a score marked as watched."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0008_defaults_in_the_database"),
        ("titles", "0009_edit_history"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(clear_rows_before_airing, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="listentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "plan_to_watch"), _negated=True),
                    ("score__isnull", True),
                    _connector="OR",
                ),
                name="listentry_plan_has_no_score",
                violation_error_message="A title you plan to watch has no score yet: choose Watching or Completed to rate it.",
            ),
        ),
    ]
