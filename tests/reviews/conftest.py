from decimal import Decimal

import pytest

from tests.reviews.factories import BODY


@pytest.fixture
def review_data():
    """The fields of a valid review form, to be overridden one at a time."""

    def make(**overrides) -> dict:
        data = {
            "overall": "10.0",
            "story": "10.0",
            "acting": "10.0",
            "music": "10.0",
            "rewatch": "9.0",
            "headline": "Worth every tear",
            "body": BODY,
            "episodes_seen": "11",
        }
        data.update(overrides)
        return data

    return make


@pytest.fixture
def submit_review(db):
    """Write a review through the service, so the title's statistics follow."""
    from reviews.services import review_submit

    def submit(user, title, **overrides):
        data = {
            "headline": "",
            "body": BODY,
            "is_spoiler": False,
            "episodes_seen": title.episodes or 0,
            "overall": "8.0",
            "story": "8.0",
            "acting": "8.0",
            "music": "8.0",
            "rewatch": "8.0",
        }
        data.update(overrides)
        for name in ("overall", "story", "acting", "music", "rewatch"):
            data[name] = Decimal(data[name])
        return review_submit(user=user, title=title, data=data)

    return submit
