"""A model's check constraints are validated in one query, with the errors Django gives."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def django_errors(instance, exclude=None) -> dict:
    """The errors Django's own validation gives, asking about each constraint in turn."""
    errors: dict = {}
    for constraint in instance._meta.constraints:
        try:
            constraint.validate(type(instance), instance, exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    return ValidationError(errors).message_dict if errors else {}


def selects(queries) -> list[str]:
    """The queries asked, without the savepoints around each inside a transaction."""
    return [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]


def our_errors(instance, exclude=None) -> dict:
    try:
        instance.validate_constraints(exclude=exclude)
    except ValidationError as error:
        return error.message_dict
    return {}


def test_a_valid_review_costs_one_query_for_its_checks_and_one_for_its_unique_pair():
    review = ReviewFactory()
    checks = [c for c in review._meta.constraints if isinstance(c, models.CheckConstraint)]
    assert len(checks) == 9
    with CaptureQueriesContext(connection) as queries:
        review.validate_constraints()
    assert len(selects(queries)) == 2, selects(queries)
    with CaptureQueriesContext(connection) as queries:
        assert django_errors(review) == {}
    assert len(selects(queries)) == 10


def test_broken_checks_give_the_errors_django_gives():
    review = ReviewFactory()
    review.story = Decimal("7.3")
    review.body = ""
    review.helpful_yes, review.helpful_total = 3, 2
    review.state, review.hidden_reason = "hidden", ""
    ours = our_errors(review)
    assert ours == django_errors(review)
    assert "A hidden review needs a reason, a visible one none." in ours["__all__"]
    assert len(ours["__all__"]) == 4  # the story's steps, the body, the votes, the reason


def test_a_check_on_a_field_left_out_is_skipped_as_django_skips_it():
    review = ReviewFactory()
    review.story, review.body = Decimal("7.3"), ""
    assert our_errors(review, exclude={"story", "body"}) == {}
    assert django_errors(review, exclude={"story", "body"}) == {}


def test_a_unique_pair_is_still_checked():
    review = ReviewFactory()
    twin = ReviewFactory.build(user=review.user, title=review.title)
    assert our_errors(twin) == django_errors(twin)
    assert our_errors(twin) == {"__all__": ["You have already reviewed this title."]}


def test_a_value_the_database_cannot_take_leaves_the_verdict_to_the_save():
    review = ReviewFactory()
    review.episodes_seen = 10**30  # past any integer column, so the query itself fails
    assert our_errors(review, exclude={"user", "title"}) == {}
    review.refresh_from_db()  # the transaction is still usable
