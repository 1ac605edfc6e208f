from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone

from core.templatetags.dramadb import humandate


def _local(days_back: int, at: time) -> datetime:
    day = timezone.localdate() - timedelta(days=days_back)
    return timezone.make_aware(datetime.combine(day, at))


@pytest.mark.parametrize(
    ("days_back", "at", "shown"),
    [
        (0, time(0, 1), "today"),
        (1, time(23, 59), "yesterday"),
        (2, time(0, 0), "2 days ago"),
        (28, time(12, 0), "28 days ago"),
        (29, time(23, 0), "29 days ago"),
    ],
)
def test_a_recent_date_reads_as_whole_calendar_days(days_back, at, shown):
    # Whole days, never hours: a page shown all day long stays right (pages are cached a day).
    assert humandate(_local(days_back, at)) == shown


def test_a_date_a_month_back_or_more_reads_as_a_calendar_date():
    when = _local(30, time(9, 0))
    assert humandate(when) == when.strftime("%b ") + str(when.day) + when.strftime(", %Y")
    assert humandate(datetime(2014, 7, 15, 18, 20, tzinfo=UTC)) == "Jul 15, 2014"


def test_no_date_reads_as_nothing():
    assert humandate(None) == ""
