"""Demo data: two months of attendance and an approved run, seeded once."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from payroll.demo import seed_module_demo
from payroll.models import AttendanceRecord, PayrollRun, RunStatus
from tests import factories

pytestmark = pytest.mark.django_db


def test_demo_seeds_attendance_and_an_approved_run_once(unit_tree):
    for _ in range(6):
        factories.EmployeeFactory(unit=unit_tree["A"])
    seed_module_demo(seed=7, stdout=io.StringIO(), today=dt.date(2026, 4, 15))
    counts = (AttendanceRecord.objects.count(), PayrollRun.objects.count())
    seed_module_demo(seed=7, stdout=io.StringIO(), today=dt.date(2026, 4, 15))
    assert (AttendanceRecord.objects.count(), PayrollRun.objects.count()) == counts
    runs = dict(PayrollRun.objects.values_list("month", "status"))
    assert runs == {2: RunStatus.APPROVED, 3: RunStatus.DRAFT}
    months = {d.month for d in AttendanceRecord.objects.values_list("date", flat=True)}
    assert months == {2, 3}
