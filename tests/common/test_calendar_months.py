import datetime as dt

import pytest

from asn_portal.common.calendar import add_months, month_bounds, months_between


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2026, 11, 15), 2, dt.date(2027, 1, 15)),
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
    ],
)
def test_add_months_clips_to_the_last_day(day, months, expected):
    assert add_months(day, months) == expected


def test_month_bounds_know_leap_years():
    assert month_bounds(2028, 2) == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))
    assert month_bounds(2026, 12) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))


def test_months_between_counts_whole_months():
    assert months_between(dt.date(2026, 1, 15), dt.date(2026, 2, 14)) == 0
    assert months_between(dt.date(2026, 1, 15), dt.date(2026, 2, 15)) == 1
    assert months_between(dt.date(2026, 1, 31), dt.date(2026, 2, 28)) == 1
