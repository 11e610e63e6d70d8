"""Working days: Monday-Friday minus national holidays and cuti bersama, in Asia/Jakarta.

Holidays used here, from the `holidays` library (Indonesia): 2026-08-17 Independence Day (Mon),
2026-12-25 Christmas (Fri), 2027-01-01 New Year (Fri), 2027-01-05 Isra' Mi'raj (Tue).
"""

import datetime as dt

import pytest

from asn_portal.common import calendar
from asn_portal.common.calendar import add_working_days, is_working_day, working_days_between
from tests import factories

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def christmas_eve_leave():
    """Cuti bersama on Thursday 24 December 2026, declared by BKD staff."""
    return factories.CollectiveLeaveDayFactory(date=D(2026, 12, 24))


def test_ordinary_weekday_is_a_working_day():
    assert is_working_day(D(2026, 8, 18))


@pytest.mark.parametrize("day", [D(2026, 8, 15), D(2026, 8, 16)], ids=["Saturday", "Sunday"])
def test_weekend_is_not_a_working_day(day):
    assert not is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [D(2026, 8, 17), D(2026, 12, 25), D(2027, 1, 1)],
    ids=["Independence Day", "Christmas", "New Year"],
)
def test_national_holiday_on_a_weekday_is_not_a_working_day(day):
    assert not is_working_day(day)


def test_day_before_christmas_is_a_working_day_unless_declared_leave():
    assert is_working_day(D(2026, 12, 24))


def test_collective_leave_day_is_not_a_working_day(christmas_eve_leave):
    assert not is_working_day(D(2026, 12, 24))


def test_one_working_day_after_friday_skips_the_weekend_and_independence_day():
    assert add_working_days(D(2026, 8, 14), 1) == D(2026, 8, 18)


def test_three_working_days_before_year_end_skip_christmas():
    # Thu 24 (1), Fri 25 Christmas, weekend, Mon 28 (2), Tue 29 (3).
    assert add_working_days(D(2026, 12, 23), 3) == D(2026, 12, 29)


def test_three_working_days_before_year_end_skip_collective_leave(christmas_eve_leave):
    # Thu 24 cuti bersama, Fri 25 Christmas, weekend, Mon 28 (1), Tue 29 (2), Wed 30 (3).
    assert add_working_days(D(2026, 12, 23), 3) == D(2026, 12, 30)


def test_working_days_cross_into_the_new_year():
    # Thu 31 (1), Fri 1 New Year, weekend, Mon 4 (2), Tue 5 Isra' Mi'raj, Wed 6 (3).
    assert add_working_days(D(2026, 12, 30), 3) == D(2027, 1, 6)


def test_negative_n_counts_back_over_the_weekend_and_holiday():
    assert add_working_days(D(2026, 8, 18), -1) == D(2026, 8, 14)


def test_negative_n_counts_back_into_the_previous_year():
    # Mon 4, back over the weekend and New Year's Day to Thu 31 December.
    assert add_working_days(D(2027, 1, 4), -1) == D(2026, 12, 31)


def test_zero_working_days_is_the_start_even_on_a_holiday():
    assert add_working_days(D(2026, 8, 17), 0) == D(2026, 8, 17)


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(D(2026, 8, 14), D(2026, 8, 18)) == 1


def test_working_days_between_across_year_end_skips_holidays_and_leave(christmas_eve_leave):
    # Dec 28, 29, 30, 31; Jan 4, 6.
    assert working_days_between(D(2026, 12, 23), D(2027, 1, 6)) == 6


def test_working_days_between_a_day_and_itself_is_zero():
    assert working_days_between(D(2026, 8, 18), D(2026, 8, 18)) == 0


def test_working_days_between_backwards_is_zero():
    assert working_days_between(D(2026, 8, 18), D(2026, 8, 14)) == 0


@pytest.mark.parametrize("n", [1, 5, 15, 60, 250])
def test_working_days_between_undoes_add_working_days(n, christmas_eve_leave):
    start = D(2026, 11, 2)
    assert working_days_between(start, add_working_days(start, n)) == n


def test_today_is_the_date_in_jakarta(time_machine):
    # 17:30 UTC on 16 August is 00:30 on 17 August in Asia/Jakarta (UTC+7).
    time_machine.move_to(dt.datetime(2026, 8, 16, 17, 30, tzinfo=dt.UTC), tick=False)
    assert calendar.today() == D(2026, 8, 17)
