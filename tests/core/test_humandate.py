from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from core.templatetags.dramadb import humandate


@pytest.mark.parametrize(
    ("age", "shown"),
    [
        (timedelta(seconds=20), "just now"),
        (timedelta(minutes=1, seconds=5), "1 minute ago"),
        (timedelta(hours=5, minutes=59), "5 hours ago"),
        (timedelta(days=1, hours=2), "1 day ago"),
        (timedelta(days=28, hours=3), "28 days ago"),
    ],
)
def test_a_recent_date_reads_as_an_age_in_days_at_most(age, shown):
    assert humandate(timezone.now() - age) == shown


def test_an_older_date_reads_as_a_calendar_date():
    assert humandate(datetime(2014, 7, 15, 18, 20, tzinfo=UTC)) == "Jul 15, 2014"


def test_no_date_reads_as_nothing():
    assert humandate(None) == ""
