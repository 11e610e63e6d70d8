"""Proposed cases from unexcused absence (PP 94/2021 art. 4 letter f and its absence table).

The attendance itself belongs to payroll (the upper floor); its scheduled job reads the month's
import and hands the unexcused days down here as plain data, so rewards never imports payroll.
A proposal is only a suggestion: an officer examines the case and decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from asn_portal.common.calendar import add_working_days
from asn_portal.personnel.models import Employee

from .. import selectors
from ..models import DisciplinaryCase
from .cases import case_open

# The duty to come to work and keep working hours (PP 94/2021 art. 4 letter f).
ABSENCE_LEGAL_ARTICLE = "PP 94/2021 Pasal 4 huruf f"


def longest_working_day_run(days: Iterable[dt.date]) -> int:
    """The longest run of unexcused days that follow each other on the working-day calendar."""
    ordered = sorted(set(days))
    longest = run = 0
    previous = None
    for day in ordered:
        run = run + 1 if previous is not None and add_working_days(previous, 1) == day else 1
        longest = max(longest, run)
        previous = day
    return longest


@transaction.atomic
def case_propose_from_attendance(
    *,
    employee: Employee,
    year: int,
    days_unexcused: int,
    consecutive_days: int = 0,
    reported_on: dt.date,
    by=None,
    absence_dates: Iterable[dt.date] = (),
) -> DisciplinaryCase | None:
    """Open a case with the sanction the absence table proposes, once per threshold crossed.

    None below the table, or when this year's attendance already proposed the same or a
    heavier sanction for the employee (a unique constraint guards against a double run).
    """
    kind = selectors.absence_sanction_proposal(days_unexcused, consecutive_days)
    if kind is None or selectors.absence_already_proposed(employee.pk, year, kind):
        return None
    violation = _(
        "Unexcused absence: %(days)d working days in %(year)d, at most %(consecutive)d in a row."
    ) % {"days": days_unexcused, "year": year, "consecutive": consecutive_days}
    try:
        with transaction.atomic():
            return case_open(
                employee=employee,
                violation=violation,
                legal_article=ABSENCE_LEGAL_ARTICLE,
                source=DisciplinaryCase.Source.ATTENDANCE,
                reported_on=reported_on,
                by=by,
                proposed_kind=kind,
                absence_days=days_unexcused,
                consecutive_absence_days=consecutive_days,
                absence_year=year,
                absence_dates=[d.isoformat() for d in sorted(set(absence_dates))],
            )
    except IntegrityError:  # a concurrent run proposed it first
        return None


def cases_propose_from_absences(
    *, year: int, absences: Mapping[int, Iterable[dt.date]], reported_on: dt.date
) -> list[DisciplinaryCase]:
    """Turn each employee's unexcused absence days of the year into proposed cases.

    `absences` maps an employee id to their unexcused days of `year` so far (from the imported
    attendance). Safe to run again: a threshold already proposed is not proposed twice.
    """
    employees = Employee.objects.in_bulk([pk for pk, days in absences.items() if days])
    proposed = []
    for pk, employee in employees.items():
        days = sorted({d for d in absences[pk] if d.year == year})
        case = case_propose_from_attendance(
            employee=employee,
            year=year,
            days_unexcused=len(days),
            consecutive_days=longest_working_day_run(days),
            reported_on=reported_on,
            absence_dates=days,
        )
        if case is not None:
            proposed.append(case)
    return proposed
