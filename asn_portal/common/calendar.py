"""Working-day calendar: Asia/Jakarta, Monday–Friday minus national holidays and cuti bersama.

National holidays come from the `holidays` library (Indonesia); collective leave days
(cuti bersama) are edited by BKD staff in the admin.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

import holidays
from django.utils import timezone

MAX_SPAN_DAYS = 3660


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("ID", years=year).keys())


def _collective_leave(start: dt.date, end: dt.date) -> set[dt.date]:
    from .models import CollectiveLeaveDay

    return set(
        CollectiveLeaveDay.objects.filter(date__range=(start, end)).values_list("date", flat=True)
    )


def today() -> dt.date:
    """Today's date in Asia/Jakarta (the project's TIME_ZONE)."""
    return timezone.localdate()


def _is_working(day: dt.date, leave: set[dt.date]) -> bool:
    return day.weekday() < 5 and day not in _national_holidays(day.year) and day not in leave


def is_working_day(day: dt.date) -> bool:
    return _is_working(day, _collective_leave(day, day))


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The date n working days after `start` (before it when n is negative); n=0 is `start`."""
    if n == 0:
        return start
    step = 1 if n > 0 else -1
    span = abs(n) * 3 + 30
    lo, hi = sorted((start, start + dt.timedelta(days=step * span)))
    leave = _collective_leave(lo, hi)
    day, remaining = start, abs(n)
    while remaining:
        day += dt.timedelta(days=step)
        if not (lo <= day <= hi):
            lo, hi = sorted((day, day + dt.timedelta(days=step * span)))
            leave |= _collective_leave(lo, hi)
        if _is_working(day, leave):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    if (end - start).days > MAX_SPAN_DAYS:
        raise ValueError("span too long")
    leave = _collective_leave(start, end)
    days = (start + dt.timedelta(days=i) for i in range(1, (end - start).days + 1))
    return sum(1 for d in days if _is_working(d, leave))


# --- Whole months ---------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), clipped to the month's last day.

    31 Jan + 1 month = 28/29 Feb.
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a month."""
    return month_start(year, month), month_end(year, month)


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end` (a month is complete on the same day of the month)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day and end != month_end(end.year, end.month):
        months -= 1
    return months
