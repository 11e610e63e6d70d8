"""Years of service (whole years and anniversaries); month arithmetic is in `common.calendar`."""

from __future__ import annotations

import datetime as dt


def completed_years(start: dt.date, on: dt.date) -> int:
    """Whole years from `start` to `on`; the anniversary itself completes the year."""
    years = on.year - start.year
    if (on.month, on.day) < (start.month, start.day):
        years -= 1
    return years


def anniversary(start: dt.date, years: int) -> dt.date:
    """The first day on which `years` whole years from `start` are completed (29 Feb -> 1 Mar)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return dt.date(start.year + years, 3, 1)
