"""Attendance reaches discipline (a scheduled job), and payroll's bulk question about TPP cuts."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from asn_portal.accounts import roles
from asn_portal.common.calendar import add_working_days
from payroll.models import Absence
from payroll.tasks import attendance_discipline_task
from rewards import services
from rewards.models import DisciplinaryCase, SanctionKind
from rewards.selectors import tpp_cuts_for
from tests import factories
from tests.payroll.factories import AttendanceRecordFactory
from tests.rewards.factories import ObjectionFactory, SanctionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


START = dt.date(2026, 3, 2)  # a Monday


def _working_days(n: int, start: dt.date = START) -> list[dt.date]:
    days = [start]
    while len(days) < n:
        days.append(add_working_days(days[-1], 1))
    return days


def _spread(n: int) -> list[dt.date]:
    """n unexcused days never two working days in a row (one a week)."""
    return [START + dt.timedelta(weeks=i) for i in range(n)]


def _propose(employee, days):
    return services.cases_propose_from_absences(
        year=2026, absences={employee.pk: days}, reported_on=dt.date(2026, 11, 2)
    )


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (2, None),
        (3, SanctionKind.VERBAL_REPRIMAND),
        (4, SanctionKind.WRITTEN_REPRIMAND),
        (6, SanctionKind.WRITTEN_REPRIMAND),
        (7, SanctionKind.WRITTEN_DISSATISFACTION),
        (10, SanctionKind.WRITTEN_DISSATISFACTION),
        (11, SanctionKind.TPP_CUT_6),
        (13, SanctionKind.TPP_CUT_6),
        (14, SanctionKind.TPP_CUT_9),
        (17, SanctionKind.TPP_CUT_12),
        (21, SanctionKind.DEMOTION),
        (25, SanctionKind.RELEASE),
        (27, SanctionKind.RELEASE),
        (28, SanctionKind.DISMISSAL),
    ],
)
def test_unexcused_days_of_the_year_propose_the_tables_sanction(days, expected):
    employee = factories.EmployeeFactory()
    cases = _propose(employee, _spread(days))
    assert [c.proposed_kind for c in cases] == ([expected] if expected else [])


def test_nine_consecutive_working_days_follow_the_yearly_table():
    employee = factories.EmployeeFactory()
    (case,) = _propose(employee, _working_days(9))
    assert case.proposed_kind == SanctionKind.WRITTEN_DISSATISFACTION
    assert case.consecutive_absence_days == 9


def test_ten_consecutive_working_days_propose_dismissal():
    employee = factories.EmployeeFactory()
    (case,) = _propose(employee, _working_days(10))
    assert case.proposed_kind == SanctionKind.DISMISSAL


def test_running_the_job_again_proposes_nothing_twice():
    employee = factories.EmployeeFactory()
    _propose(employee, _spread(5))
    assert _propose(employee, _spread(5)) == []
    assert DisciplinaryCase.objects.count() == 1


def test_crossing_the_next_threshold_proposes_once_more():
    employee = factories.EmployeeFactory()
    _propose(employee, _spread(6))
    (case,) = _propose(employee, _spread(7))
    assert case.proposed_kind == SanctionKind.WRITTEN_DISSATISFACTION
    assert DisciplinaryCase.objects.count() == 2


def test_the_database_refuses_a_second_proposal_of_the_same_threshold():
    from django.db import IntegrityError, transaction

    employee = factories.EmployeeFactory()
    (case,) = _propose(employee, _spread(3))
    with pytest.raises(IntegrityError), transaction.atomic():
        DisciplinaryCase.objects.create(
            employee=employee,
            violation="x",
            legal_article="x",
            source="attendance",
            reported_on=case.reported_on,
            proposed_kind=case.proposed_kind,
            absence_year=2026,
        )


def test_the_proposal_keeps_the_attendance_evidence():
    employee = factories.EmployeeFactory()
    days = _spread(3)
    (case,) = _propose(employee, days)
    assert case.absence_dates == [d.isoformat() for d in days]
    assert (case.absence_days, case.absence_year) == (3, 2026)


def test_the_officer_sees_the_attendance_evidence_on_the_case(client):
    employee = factories.EmployeeFactory()
    (case,) = _propose(employee, _spread(3))
    client.force_login(factories.UserFactory(username="disiplin", role=roles.REWARDS_OFFICER))
    page = client.get(reverse("admin:rewards_disciplinarycase_change", args=[case.pk]))
    assert "02-03-2026, 09-03-2026, 16-03-2026" in page.content.decode()


def test_another_role_does_not_see_the_proposed_case(client):
    employee = factories.EmployeeFactory()
    (case,) = _propose(employee, _spread(3))
    client.force_login(factories.UserFactory(username="gaji", role=roles.PAYROLL_OFFICER))
    page = client.get(reverse("admin:rewards_disciplinarycase_change", args=[case.pk]))
    assert "02-03-2026" not in page.content.decode()


@time_machine.travel(dt.datetime(2026, 4, 6, 1, tzinfo=dt.UTC), tick=False)
def test_the_scheduled_job_turns_imported_attendance_into_proposed_cases():
    employee = factories.EmployeeFactory()
    for day in _spread(4):
        AttendanceRecordFactory(employee=employee, date=day, absence=Absence.UNEXCUSED)
    AttendanceRecordFactory(employee=employee, date=dt.date(2026, 3, 31), absence=Absence.EXCUSED)
    assert attendance_discipline_task() == 1
    assert attendance_discipline_task() == 0
    case = DisciplinaryCase.objects.get()
    assert (case.proposed_kind, case.absence_days) == (SanctionKind.WRITTEN_REPRIMAND, 4)


def test_the_job_is_on_the_beat_schedule(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "payroll.tasks.attendance_discipline_task" in tasks


def test_tpp_cuts_for_names_the_decree_of_each_cut_employee_in_one_query(
    django_assert_num_queries,
):
    cut = SanctionFactory(kind=SanctionKind.TPP_CUT_6, decree_number="800/9/2026")
    light = SanctionFactory(kind=SanctionKind.WRITTEN_REPRIMAND)
    cancelled = ObjectionFactory(sanction__kind=SanctionKind.TPP_CUT_6).sanction
    cancelled.cancelled_on = dt.date(2026, 9, 1)
    cancelled.save()
    ids = [s.case.employee_id for s in (cut, light, cancelled)]
    with django_assert_num_queries(1):
        cuts = tpp_cuts_for(ids, 2026, 10)
    assert list(cuts) == [cut.case.employee_id]
    assert "800/9/2026" in cuts[cut.case.employee_id]


def test_a_light_sanction_in_force_on_the_first_does_not_cut_tpp():
    sanction = SanctionFactory(kind=SanctionKind.WRITTEN_REPRIMAND)
    first = sanction.effective_from.replace(day=1)
    assert tpp_cuts_for([sanction.case.employee_id], first.year, first.month) == {}


def test_payroll_cuts_tpp_at_the_pay_rules_versioned_rate():
    from decimal import Decimal

    from asn_portal.personnel.models import Employee
    from payroll import inputs
    from tests.payroll.factories import PayRulesFactory

    PayRulesFactory(effective_from=dt.date(2026, 10, 1), sanction_cut_pct=30)
    employee_id = SanctionFactory(kind=SanctionKind.TPP_CUT_6).case.employee_id
    ids = Employee.objects.filter(pk=employee_id).values("id")
    assert inputs.tpp_cuts(ids, 2026, 9)[0] == {employee_id: Decimal("0.25")}
    assert inputs.tpp_cuts(ids, 2026, 10)[0] == {employee_id: Decimal("0.30")}


def test_payroll_asks_rewards_once_whatever_the_number_of_sanctioned_employees(
    django_assert_num_queries,
):
    from asn_portal.personnel.models import Employee
    from payroll import inputs

    for _n in range(5):
        SanctionFactory(kind=SanctionKind.TPP_CUT_6)
    rules = inputs.rules_for(2026, 10)
    with django_assert_num_queries(1):
        cuts, _installed = inputs.tpp_cuts(Employee.objects.values("id"), 2026, 10, rules)
    assert len(cuts) == 5
