"""Reading other modules: the appraisal predikat and rewards' sanction cuts, in bulk."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from appraisal.models import Evaluation, Rating
from payroll import inputs, services
from tests.appraisal.conftest import cycle, org  # noqa: F401  (fixtures)
from tests.rewards.factories import SanctionFactory

pytestmark = pytest.mark.django_db


def _tpp(run, employee):
    return run.payslips.get(employee=employee).lines.get(code="tpp")


def test_february_predikat_from_appraisal_sets_the_performance_factor(cycle, org):  # noqa: F811
    february = Evaluation.objects.get(
        employee=org.staff[0], period__kind="periodic", period__number=2
    )
    Evaluation.objects.filter(pk=february.pk).update(
        status="rated",
        rating_results=Rating.BELOW,
        rating_behaviour=Rating.MEETS,
        predikat="butuh_perbaikan",
        rated_at=timezone.now(),
    )
    run = services.run_compute(run=services.run_create(year=2026, month=2))
    # kelas 7: 2.500.000 × (60% × 80% + 40% × 100%) = 2.200.000
    assert _tpp(run, org.staff[0]).amount == 2_200_000
    # no appraisal submitted: 60% × 0% + 40%
    assert _tpp(run, org.staff[1]).amount == 1_000_000


def test_sanction_in_force_cuts_tpp_through_rewards(unit_tree):
    from tests import factories

    employee = factories.EmployeeFactory(unit=unit_tree["B"])
    # delivered 3 August 2026: in force from late August, so September is cut.
    SanctionFactory(case__employee=employee)
    cuts, installed = inputs.tpp_cuts(inputs.employees_for_run([]).values("id"), 2026, 9)
    assert installed and cuts == {employee.pk: pytest.approx(0.25)}


def test_cancelled_sanction_cuts_nothing(unit_tree):
    from tests import factories

    employee = factories.EmployeeFactory(unit=unit_tree["B"])
    SanctionFactory(case__employee=employee, cancelled_on=dt.date(2026, 8, 20))
    cuts, _installed = inputs.tpp_cuts(inputs.employees_for_run([]).values("id"), 2026, 9)
    assert cuts == {}
