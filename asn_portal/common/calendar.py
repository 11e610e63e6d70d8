"""Working-day calendar: Asia/Jakarta, Monday–Friday minus national holidays and cuti bersama.

National holidays come from the `holidays` library (Indonesia); collective leave days
(cuti bersama) are edited by BKD staff in the admin.
"""

from __future__ import annotations

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
