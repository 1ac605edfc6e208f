from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # Pages read visible reviews only, so the indexes that serve them learn the state. Each
    # new index is built beside the old one without locking out writers (CONCURRENTLY,
    # outside a transaction); the old one goes once its successor is there.
    atomic = False

    dependencies = [
        ("reviews", "0006_moderators_moderate_reviews"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="review",
            index=models.Index(
                fields=["title", "state", "-helpful_lower_bound", "-created_at"],
                name="review_title_state_helpful_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="review",
            index=models.Index(
                fields=["title", "state", "-created_at"], name="review_title_state_newest_idx"
            ),
        ),
        AddIndexConcurrently(
            model_name="review",
            index=models.Index(
                fields=["title", "state", "overall", "id"], name="review_title_state_overall_idx"
            ),
        ),
        AddIndexConcurrently(
            model_name="review",
            index=models.Index(
                models.OrderBy(models.F("created_at"), descending=True),
                condition=models.Q(("state", "visible")),
                name="review_newest_visible_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="review",
            index=models.Index(
                fields=["user", "state", "-created_at"], name="review_user_state_newest_idx"
            ),
        ),
        RemoveIndexConcurrently(model_name="review", name="review_title_helpful_idx"),
        RemoveIndexConcurrently(model_name="review", name="review_title_newest_idx"),
        RemoveIndexConcurrently(model_name="review", name="review_title_overall_idx"),
        RemoveIndexConcurrently(model_name="review", name="review_newest_idx"),
        RemoveIndexConcurrently(model_name="review", name="review_user_newest_idx"),
    ]
