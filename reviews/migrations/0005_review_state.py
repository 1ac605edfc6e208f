from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0004_discovery_indexes"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="review",
            options={"permissions": [("moderate_review", "Can hide and restore reviews")]},
        ),
        migrations.AddField(
            model_name="review",
            name="state",
            field=models.CharField(
                choices=[("visible", "Visible"), ("hidden", "Hidden by a moderator")],
                default="visible",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="review",
            name="hidden_reason",
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.AddConstraint(
            model_name="review",
            constraint=models.CheckConstraint(
                condition=models.Q(("state__in", ["visible", "hidden"])),
                name="review_state_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="review",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("state", "visible"), ("hidden_reason", "")),
                    models.Q(("state", "hidden"), models.Q(("hidden_reason", ""), _negated=True)),
                    _connector="OR",
                ),
                name="review_reason_only_when_hidden",
                violation_error_message="A hidden review needs a reason, a visible one none.",
            ),
        ),
    ]
