"""Demo data for `manage.py seed_demo`: two months of attendance and an approved payroll run."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from asn_portal.accounts import roles
from asn_portal.accounts.models import User
from asn_portal.common.calendar import add_months, working_days_between
from asn_portal.common.calendar import today as jakarta_today
from asn_portal.personnel.selectors import active_employees

from . import services
from .models import Absence, AttendanceRecord, PayrollRun, PositionAllowance


@transaction.atomic
def seed_module_demo(*, seed: int = 2026, stdout=None, today: dt.date | None = None) -> None:
    """Seed once: when any payroll run exists, nothing is changed.

    The last two complete months get fingerprint exceptions (late arrivals, missed assemblies,
    a few unexcused absences) for about a third of the employees; the older month gets an
    approved run, the newer one a computed draft waiting to be checked.
    """
    if PayrollRun.objects.exists():
        return
    people = list(active_employees().order_by("nip").values_list("pk", flat=True))
    if not people:
        return
    today = today or jakarta_today()
    rng = random.Random(seed)
    recent = add_months(today.replace(day=1), -1)
    older = add_months(recent, -1)
    records = []
    for first in (older, recent):
        next_month = add_months(first, 1)
        days = [
            first + dt.timedelta(days=i)
            for i in range((next_month - first).days)
            if working_days_between(first + dt.timedelta(days=i - 1), first + dt.timedelta(days=i))
        ]
        for pk in rng.sample(people, max(1, len(people) // 3)):
            for day in rng.sample(days, min(len(days), rng.randint(1, 4))):
                roll = rng.random()
                records.append(
                    AttendanceRecord(
                        employee_id=pk,
                        date=day,
                        minutes_late=rng.choice([5, 20, 45, 75, 100]) if roll < 0.7 else 0,
                        missed_assembly=day.weekday() == 0 and roll < 0.3,
                        absence=Absence.UNEXCUSED if roll > 0.95 else Absence.NONE,
                    )
                )
    AttendanceRecord.objects.bulk_create(records, ignore_conflicts=True, batch_size=5000)
    _position_allowances(older)
    officer = User.objects.filter(groups__name=roles.PAYROLL_OFFICER).first()
    run = services.run_create(year=older.year, month=older.month, by=officer)
    services.run_compute(run=run)
    run = services.run_check(run=run, by=officer)
    if not run.payslips.exclude(error="").exists():
        run = services.run_approve(run=run, by=officer)
    draft = services.run_create(year=recent.year, month=recent.month, by=officer)
    services.run_compute(run=draft)
    if stdout is not None:
        stdout.write(
            f"Payroll: {len(records)} attendance records, runs {older:%m/%Y} "
            f"({run.get_status_display()}) and {recent:%m/%Y} (draft)."
        )


def _position_allowances(first: dt.date) -> None:
    """Structural heads get a position allowance (sample amounts by kelas jabatan)."""
    from asn_portal.personnel.models import Position

    heads = Position.objects.filter(kind=Position.Kind.STRUCTURAL)
    PositionAllowance.objects.bulk_create(
        [
            PositionAllowance(
                position=p,
                amount=540_000 + 100_000 * max(0, p.kelas_jabatan - 8),
                effective_from=dt.date(2024, 1, 1),
            )
            for p in heads
        ],
        ignore_conflicts=True,
    )
